/** How many problems a failure lists before it only counts the rest. */
const SHOWN = 20;

/** Throws an Error listing the problems under `lead`; does nothing when there are none. */
export function assertNoProblems(problems: readonly string[], lead: string): void {
  if (problems.length === 0) return;
  const more = problems.length > SHOWN ? `\n  … and ${problems.length - SHOWN} more` : '';
  throw new Error(`${lead}:\n  - ${problems.slice(0, SHOWN).join('\n  - ')}${more}`);
}
