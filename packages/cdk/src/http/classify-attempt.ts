import type { Attempt } from './attempt.js';
import { type ErrorResolution, resolveResponse } from './error-mapping.js';
import type { SendOptions } from './http-request.js';
import { InvalidBodyError } from './http-response.js';
import { isRetryableNetworkError } from './network-errors.js';

/** An attempt and what the client does about it. */
export interface ClassifiedAttempt extends Attempt {
  resolution: ErrorResolution;
}

/**
 * What to do after an attempt: a response goes through the `resolveResponse` hook, the error
 * rules and the default mapping,
 * and a 2xx JSON body is parsed now, so a body cut off or not the JSON it claims is retried
 * like a 5xx (its `InvalidBodyError` becomes the attempt's error); a network error is retried
 * when it may pass (reset, refused, DNS, timeout), anything else fails.
 */
export async function classifyAttempt(
  attempt: Attempt,
  options: Pick<SendOptions, 'errorRules' | 'resolveResponse'> = {},
): Promise<ClassifiedAttempt> {
  const { response } = attempt;
  if (response === undefined) {
    const resolution: ErrorResolution = isRetryableNetworkError(attempt.error)
      ? { action: 'retry', failureType: 'transient_error', message: 'The request to the API failed' }
      : { action: 'fail', failureType: 'system_error', message: 'The request could not be sent' };
    return { ...attempt, resolution };
  }
  const decided = options.resolveResponse === undefined ? undefined : await options.resolveResponse(response);
  const resolution = decided ?? (await resolveResponse(response, options.errorRules));
  if (resolution.action !== 'success' || !response.ok) return { ...attempt, resolution };
  try {
    response.parseEagerly();
    return { ...attempt, resolution };
  } catch (error) {
    if (!(error instanceof InvalidBodyError)) throw error;
    return {
      ...attempt,
      error,
      resolution: { action: 'retry', failureType: 'transient_error', message: 'The API sent an incomplete or invalid body' },
    };
  }
}
