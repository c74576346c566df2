// A declarative resolution in the terms of @tributary/cdk's HTTP client (its ErrorResolution),
// for the requester that feeds error handlers into the CDK's retry machinery. RESET_PAGINATION has
// no CDK counterpart: the retriever handles it (it restarts the slice's pagination).
import type { ResponseAction as CdkAction, ErrorResolution as CdkResolution } from '@tributary/cdk';
import type { ErrorResolution, ResponseAction } from './error-resolution.js';

const ACTIONS: Readonly<Record<Exclude<ResponseAction, 'RESET_PAGINATION'>, CdkAction>> = {
  SUCCESS: 'success',
  RETRY: 'retry',
  FAIL: 'fail',
  IGNORE: 'ignore',
  RATE_LIMITED: 'rate_limited',
  REFRESH_TOKEN_THEN_RETRY: 'refresh_token',
};

/** The CDK resolution, or null for RESET_PAGINATION. */
export function toCdkResolution(resolution: ErrorResolution): CdkResolution | null {
  if (resolution.action === 'RESET_PAGINATION') return null;
  const out: CdkResolution = { action: ACTIONS[resolution.action] };
  if (resolution.failureType !== null) out.failureType = resolution.failureType;
  if (resolution.message) out.message = resolution.message;
  return out;
}
