// Is schema normalisation active in the CDK build being measured? Case c sets
// `schemaNormalization = 'default'`, which a CDK without the feature silently ignores; then
// case c measures the plain path and its ratio means nothing. The probe reads records whose
// numbers and booleans are strings, with normalisation on, and checks what comes out.
import { PROBE_RECORDS, probeArgs } from './cases.mjs';
import { countedRun } from './measure.mjs';

/** Resolves to { state: 'active' | 'inactive' | 'error', detail }; the probe runs with `nodeOptions`. */
export async function probeNormalization(nodeOptions) {
  let result;
  try {
    result = await countedRun(probeArgs(), { expected: PROBE_RECORDS, nodeOptions });
  } catch (error) {
    return { state: 'error', detail: `the probe did not start: ${error.message}` };
  }
  const { output } = result;
  if (result.code !== 0 || output.records !== PROBE_RECORDS) {
    const why = output.problems[0] ?? result.stderr.trim().split('\n')[0] ?? '';
    return { state: 'error', detail: `the probe connector failed (exit ${result.code}) ${why}`.trim() };
  }
  if (output.ok) return { state: 'active', detail: 'strings in integer, number and boolean fields came out converted' };
  return {
    state: 'inactive',
    detail: `strings in integer, number and boolean fields did not come out converted, so schemaNormalization does nothing in this CDK build (${output.problems[0]})`,
  };
}
