// The CDK's AsyncJobStatus and `status_mapping`: each status the API reports maps to one of ours.
// `skipped` is the CDK's IGNORE (no data to fetch, not retried).
import { ConnectorError } from '@tributary/cdk';
import type { AsyncJobStatusMap } from '../components/component-types.js';

export type AsyncJobStatus = 'running' | 'completed' | 'failed' | 'timed_out' | 'ignore';

const MAPPED: ReadonlyArray<readonly [keyof AsyncJobStatusMap, AsyncJobStatus]> = [
  ['running', 'running'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['timeout', 'timed_out'],
  ['skipped', 'ignore'],
];

/** The API's statuses (as Python's `str()` prints them) to ours; a status listed twice is a manifest error, as in the CDK. */
export function statusMapping(model: AsyncJobStatusMap, streamName: string): ReadonlyMap<string, AsyncJobStatus> {
  const mapping = new Map<string, AsyncJobStatus>();
  for (const [key, status] of MAPPED) {
    const apiStatuses = model[key];
    if (apiStatuses === undefined) continue;
    if (!Array.isArray(apiStatuses))
      throw ConnectorError.config(`Stream '${streamName}': status_mapping.${key} must be a list of statuses`);
    for (const apiStatus of apiStatuses) {
      if (mapping.has(String(apiStatus))) {
        throw ConnectorError.config(
          `Stream '${streamName}': API status ${String(apiStatus)} is already set for CDK status ${key}. Please ensure API statuses are only provided once`,
        );
      }
      mapping.set(String(apiStatus), status);
    }
  }
  return mapping;
}

/** True for a status after which the API does no more work on the job. */
export function isTerminal(status: AsyncJobStatus): boolean {
  return status !== 'running';
}
