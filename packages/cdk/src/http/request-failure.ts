import { describeError } from '../errors/connector-error.js';
import type { FailureType } from '../protocol/types.js';
import type { ClassifiedAttempt } from './classify-attempt.js';
import type { OutgoingRequest } from './credential-scope.js';
import { describeResponse, HttpError } from './http-error.js';
import { InvalidBodyError } from './http-response.js';
import { describeNetworkError } from './network-errors.js';
import { redactUrl } from './redact-url.js';
import type { RetryDecision } from './retry-decision.js';
import type { RetryPolicy } from './retry-policy.js';

/** Why a request ends without a usable response: it failed for good, or retrying it stopped. */
export type FailureKind = { kind: 'failed' } | Exclude<RetryDecision, { kind: 'wait' }>;

/** What the error of a request that ends without a usable response is made of. */
export interface FailedRequest {
  attempt: ClassifiedAttempt;
  /** The request of the last attempt, as authenticated (before its redirects). */
  prepared: OutgoingRequest;
  /** How many attempts were made. */
  attempts: number;
  elapsedMs: number;
  policy: RetryPolicy;
}

/**
 * The `HttpError` for a request that ends without a usable response: a message naming the
 * method, the masked URL, the status and an excerpt of the body (or the network error), and
 * why retrying stopped; `failed` uses the resolution's failure type, the others are transient.
 */
export async function requestFailure(failed: FailedRequest, why: FailureKind): Promise<HttpError> {
  const { attempt, prepared, attempts, elapsedMs } = failed;
  const { response, error, resolution } = attempt;
  const where = `${prepared.method} ${redactUrl(prepared.url)}`;
  const failureType: FailureType =
    why.kind === 'wait-too-long'
      ? 'transient_error'
      : (resolution.failureType ?? (why.kind === 'failed' ? 'system_error' : 'transient_error'));
  const last = response !== undefined ? `HTTP ${response.status} in ${response.durationMs} ms` : describeError(error);
  const internal = `${where}: ${attempts} attempt${attempts === 1 ? '' : 's'} in ${elapsedMs} ms; last: ${last}`;
  const details = { method: prepared.method, url: redactUrl(prepared.url), status: response?.status, attempts, response };
  return new HttpError(failureMessage(failed, why, where, await whatHappened(attempt)), failureType, details, internal, error);
}

function failureMessage(failed: FailedRequest, why: FailureKind, where: string, what: string): string {
  const { attempt, attempts, elapsedMs, policy } = failed;
  const lead = attempt.resolution.message ?? (attempt.response ? 'The API answered with an error' : 'The request to the API failed');
  switch (why.kind) {
    case 'failed':
      return `${lead}: ${where} → ${what}`;
    case 'exhausted':
      return `${lead}, and ${attempts} attempts over ${describeDuration(elapsedMs)} did not get through: ${where}; last answer: ${what}`;
    case 'wait-too-long':
      return `${lead}: ${where} → ${what}. The server asks to wait ${describeDuration(why.waitMs)} (${why.header}), longer than the ${describeDuration(policy.maxServerWaitMs)} this stream waits at most; try again later`;
    case 'out-of-time':
      return `${lead}, and retrying would take longer than the ${describeDuration(policy.maxTimeMs)} allowed for one request (${attempts} attempt${attempts === 1 ? '' : 's'} over ${describeDuration(elapsedMs)}, next wait ${describeDuration(why.waitMs)}): ${where}; last answer: ${what}`;
  }
}

/** The answer in words: the status and body, the invalid body, or the network error. */
async function whatHappened({ response, error }: ClassifiedAttempt): Promise<string> {
  if (error instanceof InvalidBodyError) return `HTTP ${error.response.status} with a body that is ${error.reason}`;
  return response !== undefined ? describeResponse(response) : describeNetworkError(error);
}

/** `350 ms`, `1.5 s`, `42 s`: a wait or an elapsed time in messages. */
export function describeDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}
