import { protocolProblemsOf } from '../protocol-schema.js';
import type { AcceptanceContext } from './context.js';
import type { AcceptanceCheck } from './options.js';
import { assertNoProblems } from './problems.js';

export function connectionChecks(context: AcceptanceContext<unknown>): AcceptanceCheck[] {
  return [
    {
      id: 'check',
      title: 'check: SUCCEEDED with the config',
      async run() {
        const result = await context.check();
        const problems = protocolProblemsOf(result.messages);
        if (result.exitCode !== 0) problems.unshift(`check exited with ${result.describeErrors()}`);
        else {
          const status = result.connectionStatus;
          if (status.status !== 'SUCCEEDED')
            problems.unshift(`the connection status is ${status.status}: ${status.message ?? '(no message)'}`);
        }
        assertNoProblems(problems, 'check does not succeed with the config');
      },
    },
    {
      id: 'check-invalid',
      title: 'check: FAILED (exit 0) with the invalid config',
      async run() {
        const result = await context.checkInvalid();
        if (result === undefined) return { skip: 'no invalidConfig given' };
        const problems = protocolProblemsOf(result.messages);
        if (result.exitCode !== 0)
          problems.unshift(`check must exit 0 with a FAILED status for a bad config; it exited with ${result.describeErrors()}`);
        else {
          const status = result.connectionStatus;
          if (status.status !== 'FAILED') problems.unshift(`the connection status is ${status.status}, expected FAILED`);
          else if (!status.message) problems.push('a FAILED status must say why in its message');
        }
        assertNoProblems(problems, 'check does not fail properly with the invalid config');
      },
    },
  ];
}
