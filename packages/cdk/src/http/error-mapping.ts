import type { FailureType } from '../protocol/types.js';
import type { HttpResponse } from './http-response.js';
import { quotaExhausted } from './rate-limit-headers.js';

/**
 * What the client does with a response:
 * - `success`: hand it to the stream;
 * - `retry`: wait (backoff, or what the server asked for) and send again;
 * - `rate_limited`: like `retry`, and the stream reports that it is rate limited;
 * - `fail`: stop the stream with an error of `failureType`;
 * - `ignore`: skip the response: no records from it, and pagination of that slice ends;
 * - `refresh_token`: renew the authenticator's credentials (OAuth2), then send again, once.
 */
export type ResponseAction = 'success' | 'retry' | 'rate_limited' | 'fail' | 'ignore' | 'refresh_token';

/**
 * What to do with a response and, if it ends the stream, how the platform should classify the
 * failure.
 */
export interface ErrorResolution {
  action: ResponseAction;
  /** The failure type if the response ends the stream (now, or when retries run out). */
  failureType?: FailureType;
  /** A user-facing explanation, put before the method, URL, status and body excerpt. */
  message?: string;
}

/**
 * A per-stream rule, checked in order before the default mapping. The first rule whose `status`
 * and `when` both match decides. Example: `{ status: 404, action: 'ignore' }`, or
 * `{ status: 400, when: async (r) => (await r.text()).includes('try again'), action: 'retry' }`.
 */
export interface ErrorRule extends ErrorResolution {
  /** A status, a list of statuses, or a class like `'5xx'`; any status when left out. */
  status?: number | readonly number[] | `${1 | 2 | 3 | 4 | 5}xx`;
  /** An extra condition on the response (its body, its headers). */
  when?: (response: HttpResponse) => boolean | Promise<boolean>;
}

/** The default mapping (the Python CDK's `DEFAULT_ERROR_MAPPING`). */
export const DEFAULT_ERROR_MAPPING: ReadonlyMap<number, Readonly<ErrorResolution>> = new Map<number, ErrorResolution>([
  [400, { action: 'fail', failureType: 'system_error', message: 'The API rejected the request as invalid' }],
  [
    401,
    {
      action: 'fail',
      failureType: 'config_error',
      message: 'The API did not accept the credentials; check them in the connector configuration',
    },
  ],
  [
    403,
    {
      action: 'fail',
      failureType: 'config_error',
      message: 'The API refused access; check that the configured credentials have permission to read this data',
    },
  ],
  [404, { action: 'fail', failureType: 'system_error', message: 'The API has no such resource' }],
  [405, { action: 'fail', failureType: 'system_error', message: 'The API does not allow this request method here' }],
  [408, { action: 'retry', failureType: 'transient_error', message: 'The API timed out' }],
  [429, { action: 'rate_limited', failureType: 'transient_error', message: 'API rate limit exceeded' }],
  [500, { action: 'retry', failureType: 'transient_error', message: 'The API had an internal error' }],
  [502, { action: 'retry', failureType: 'transient_error', message: 'The API is unavailable (bad gateway)' }],
  [503, { action: 'retry', failureType: 'transient_error', message: 'The API is unavailable' }],
  [504, { action: 'retry', failureType: 'transient_error', message: 'The API is unavailable (gateway timeout)' }],
]);

const SUCCESS: ErrorResolution = { action: 'success' };
const RATE_LIMITED_403: ErrorResolution = {
  action: 'rate_limited',
  failureType: 'transient_error',
  message: 'API rate limit exceeded',
};
const UNEXPECTED: ErrorResolution = { action: 'retry', failureType: 'system_error', message: 'Unexpected HTTP status' };

/**
 * The default mapping for one response: 2xx succeed; 400/404/405 fail (system_error); 401/403
 * fail (config_error), except a 403 whose rate-limit headers say no request is left, which is
 * rate limited (GitHub's way); 408/5xx retry (transient_error); 429 is rate limited; any other
 * status retries and, when retries run out, fails as a system_error.
 */
export function defaultResolution(response: HttpResponse): ErrorResolution {
  if (response.ok) return SUCCESS;
  if (response.status === 403 && quotaExhausted(response.headers)) return RATE_LIMITED_403;
  const mapped = DEFAULT_ERROR_MAPPING.get(response.status);
  if (mapped !== undefined) return mapped;
  if (response.status >= 500) return { action: 'retry', failureType: 'transient_error', message: 'The API had a server error' };
  return UNEXPECTED;
}

function statusMatches(rule: ErrorRule, status: number): boolean {
  const { status: wanted } = rule;
  if (wanted === undefined) return true;
  if (typeof wanted === 'number') return wanted === status;
  if (typeof wanted === 'string') return Math.floor(status / 100) === Number(wanted[0]);
  return wanted.includes(status);
}

/** The stream's rules first (in order), then the default mapping. */
export async function resolveResponse(response: HttpResponse, rules: readonly ErrorRule[] = []): Promise<ErrorResolution> {
  for (const rule of rules) {
    if (!statusMatches(rule, response.status)) continue;
    if (rule.when !== undefined && !(await rule.when(response))) continue;
    const fallback = defaultResolution(response);
    return {
      action: rule.action,
      failureType: rule.failureType ?? fallback.failureType ?? 'system_error',
      message: rule.message ?? fallback.message,
    };
  }
  return defaultResolution(response);
}
