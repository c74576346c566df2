// What an error handler judges: a response (status, headers, body) or the error that prevented one.
import { CaseInsensitiveDict } from '../interpolation/values/case-insensitive-dict.js';
import type { PyValue } from '../interpolation/values/object.js';

/** A response the server sent, as error handlers see it (status, headers and the decoded body). */
export interface ResponseOutcome {
  readonly kind: 'response';
  readonly status: number;
  /** The reason phrase ('Not Found'), as requests' raise_for_status quotes it. */
  readonly reason?: string;
  readonly url?: string;
  /** Headers as received (name case kept). */
  readonly headers: readonly (readonly [string, string])[];
  /** The body as text (for the error message parser and the fallback message). */
  readonly text: string;
  /** The body as JSON (`response.json()`), or undefined when it is not JSON. */
  readonly json: unknown;
  /** True when the body is streamed to a streaming decoder (body-based rules are then skipped on success). */
  readonly streamed?: boolean;
}

/** A request that got no response (a timeout, a refused connection), as error handlers see it. */
export interface ErrorOutcome {
  readonly kind: 'error';
  /**
   * The class of the request's error as requests names it: 'InvalidSchema', 'InvalidURL',
   * 'RequestException' (exactly those map to the CDK's defaults), else e.g. 'ConnectionError', 'ReadTimeout'.
   */
  readonly errorClass: string;
  readonly message: string;
}

/** What one attempt of a request ended with: a response, or an error. */
export type HttpOutcome = ResponseOutcome | ErrorOutcome;

export function isOk(outcome: HttpOutcome): boolean {
  return outcome.kind === 'response' && outcome.status < 400;
}

/** `response.headers` as templates see it (requests' CaseInsensitiveDict). */
export function headersValue(outcome: ResponseOutcome): CaseInsensitiveDict {
  const merged = new Map<string, [string, string]>();
  for (const [name, value] of outcome.headers) {
    const existing = merged.get(name.toLowerCase());
    merged.set(name.toLowerCase(), existing ? [existing[0], `${existing[1]}, ${value}`] : [name, value]);
  }
  return new CaseInsensitiveDict([...merged.values()].map(([name, value]) => [name, value as PyValue]));
}

/** The named header's value (case-insensitive), or undefined. */
export function headerValue(outcome: ResponseOutcome, name: string): string | undefined {
  const lower = name.toLowerCase();
  const values = outcome.headers.filter(([key]) => key.toLowerCase() === lower).map(([, value]) => value);
  return values.length === 0 ? undefined : values.join(', ');
}

/** `response.json()` or {} when the body is not JSON (the CDK's _safe_response_json). */
export function safeJson(outcome: ResponseOutcome): PyValue {
  return (outcome.json === undefined ? {} : outcome.json) as PyValue;
}
