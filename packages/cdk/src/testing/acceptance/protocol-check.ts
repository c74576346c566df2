import { protocolProblemsOf } from '../protocol-schema.js';
import type { AcceptanceContext } from './context.js';
import type { AcceptanceCheck } from './options.js';
import { assertNoProblems } from './problems.js';

export function protocolCheck(context: AcceptanceContext<unknown>): AcceptanceCheck {
  return {
    id: 'protocol',
    title: 'protocol: every message of every run is a valid Airbyte message',
    async run() {
      // The runs the other checks made; the core ones are made here if they were filtered out.
      await context.spec();
      await context.check();
      await context.checkInvalid();
      await context.discover();
      try {
        await context.fullRefresh();
      } catch {
        // discover failed: its own check says so; validate what there is.
      }
      const problems = context.runs.flatMap(({ label, result }) =>
        protocolProblemsOf(result.messages).map((problem) => `${label}: ${problem}`),
      );
      assertNoProblems(problems, 'Messages break the Airbyte protocol');
    },
  };
}
