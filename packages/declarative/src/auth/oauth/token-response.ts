// Reading a token endpoint's answer as the CDK does: a field found at the top level or, failing
// that, in nested objects and lists up to five levels down (deeper nesting is an error), and the
// expiry as seconds from now or, with a `token_expiry_date_format`, as the time of expiration.
import { ConnectorError } from '@tributary/cdk';
import type { PyDateTime } from '../../interpolation/datetime/model.js';
import { abDatetimeParse, addSeconds } from './airbyte-datetime.js';

const MAX_DEPTH = 5;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The CDK's `_find_and_get_value_from_response`; undefined stands for `None`. */
export function findValue(data: unknown, key: string, depth = 0): unknown {
  if (depth > MAX_DEPTH) {
    throw ConnectorError.config(`The maximum level of recursion is reached. Couldn't find the specified \`${key}\` in the response.`);
  }
  if (isObject(data)) {
    if (Object.hasOwn(data, key)) return data[key] ?? undefined;
    for (const value of Object.values(data)) {
      const found = findValue(value, key, depth + 1);
      if (found !== undefined) return found;
    }
  } else if (Array.isArray(data)) {
    for (const item of data) {
      const found = findValue(item, key, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export interface ExpiryRule {
  /** The answer gives the time of expiration (a date), not a number of seconds. */
  readonly timeOfExpiration: boolean;
  readonly format: string | undefined;
}

/** The CDK's `_parse_token_expiration_date`. */
export function parseExpiry(value: unknown, rule: ExpiryRule, now: PyDateTime): PyDateTime {
  if (rule.timeOfExpiration) {
    if (!rule.format)
      throw new ConnectorError(`Invalid token expiry date format ${rule.format}; a string representing the format is required.`);
    try {
      return abDatetimeParse(pythonText(value));
    } catch (error) {
      throw new ConnectorError(`Invalid token expiry date format: ${(error as Error).message}`);
    }
  }
  const seconds = secondsOf(value);
  if (seconds === undefined) {
    throw new ConnectorError(`Invalid expires_in value: ${pythonText(value)}. Expected number of seconds when no format specified.`);
  }
  return addSeconds(now, seconds);
}

/** `int(float(str(value)))`, or undefined where Python raises. */
function secondsOf(value: unknown): number | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const text = String(value)
    .trim()
    .replace(/(?<=\d)_(?=\d)/g, '');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return undefined;
  const seconds = Math.trunc(Number(text));
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** Python's `str()` of a JSON value from the answer (True, None, 3600). */
export function pythonText(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}
