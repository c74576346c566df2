// The CDK's error resolutions: what to do with a response or request error, its failure type and
// message; the default mapping of statuses and request errors; the fallback for anything else.
import type { FailureType } from '@tributary/cdk';
import type { HttpOutcome } from './http-outcome.js';

/**
 * What to do with a response, in the Python CDK's names (exported as `DeclarativeResponseAction`).
 */
export type ResponseAction = 'SUCCESS' | 'RETRY' | 'FAIL' | 'IGNORE' | 'RESET_PAGINATION' | 'RATE_LIMITED' | 'REFRESH_TOKEN_THEN_RETRY';

/** What an error handler decided for one outcome, in the Python CDK's terms. */
export interface ErrorResolution {
  readonly action: ResponseAction;
  readonly failureType: FailureType | null;
  readonly message: string | null;
}

const resolution = (action: ResponseAction, failureType: FailureType, message: string): ErrorResolution => ({
  action,
  failureType,
  message,
});

export const SUCCESS_RESOLUTION: ErrorResolution = { action: 'SUCCESS', failureType: null, message: null };

/** The CDK's DEFAULT_ERROR_MAPPING: statuses, and the exact request error classes it names. */
export const DEFAULT_ERROR_MAPPING: ReadonlyMap<number | string, ErrorResolution> = new Map<number | string, ErrorResolution>([
  [
    'InvalidSchema',
    resolution(
      'FAIL',
      'config_error',
      'Invalid Protocol Schema: The endpoint that data is being requested from is using an invalid or insecure. Exception: requests.exceptions.InvalidSchema',
    ),
  ],
  [
    'InvalidURL',
    resolution(
      'RETRY',
      'transient_error',
      'Invalid URL specified or DNS error occurred: The endpoint that data is being requested from is not a valid URL. Exception: requests.exceptions.InvalidURL',
    ),
  ],
  [
    'RequestException',
    resolution(
      'RETRY',
      'transient_error',
      'An exception occurred when making the request. Exception: requests.exceptions.RequestException',
    ),
  ],
  [400, resolution('FAIL', 'system_error', 'HTTP Status Code: 400. Error: Bad request. Please check your request parameters.')],
  [401, resolution('FAIL', 'config_error', 'HTTP Status Code: 401. Error: Unauthorized. Please ensure you are authenticated correctly.')],
  [403, resolution('FAIL', 'config_error', "HTTP Status Code: 403. Error: Forbidden. You don't have permission to access this resource.")],
  [404, resolution('FAIL', 'system_error', 'HTTP Status Code: 404. Error: Not found. The requested resource was not found on the server.')],
  [405, resolution('FAIL', 'system_error', 'HTTP Status Code: 405. Error: Method not allowed. Please check your request method.')],
  [408, resolution('RETRY', 'transient_error', 'HTTP Status Code: 408. Error: Request timeout.')],
  [
    429,
    resolution(
      'RATE_LIMITED',
      'transient_error',
      'Rate limit exceeded. Try decreasing concurrency or the number of workers to stay within API rate limits.',
    ),
  ],
  [500, resolution('RETRY', 'transient_error', 'HTTP Status Code: 500. Error: Internal server error.')],
  [502, resolution('RETRY', 'transient_error', 'HTTP Status Code: 502. Error: Bad gateway.')],
  [503, resolution('RETRY', 'transient_error', 'HTTP Status Code: 503. Error: Service unavailable.')],
  [504, resolution('RETRY', 'transient_error', 'HTTP Status Code: 504. Error: Gateway timeout.')],
]);

/** The default mapping's entry for a status or a request error class. */
export function defaultMapped(outcome: HttpOutcome): ErrorResolution | undefined {
  return DEFAULT_ERROR_MAPPING.get(outcome.kind === 'response' ? outcome.status : outcome.errorClass);
}

/** create_fallback_error_resolution: retry, as a system error, with requests' own description. */
export function fallbackResolution(outcome: HttpOutcome | null): ErrorResolution {
  if (outcome === null) {
    return resolution(
      'RETRY',
      'system_error',
      'Error handler did not receive a valid response or exception. This is unexpected please contact Airbyte Support',
    );
  }
  if (outcome.kind === 'error') return resolution('RETRY', 'system_error', `${outcome.errorClass}: ${outcome.message}`);
  if (outcome.status >= 400) {
    const side = outcome.status < 500 ? 'Client Error' : 'Server Error';
    const status = `${outcome.status} ${side}: ${outcome.reason ?? ''} for url: ${outcome.url ?? ''}`;
    return resolution('RETRY', 'system_error', `Response was not ok: \`${status}\`. Response content is: ${outcome.text}`);
  }
  return resolution('RETRY', 'system_error', `Unexpected response with HTTP status ${outcome.status}`);
}
