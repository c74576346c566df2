// The CDK's JsonErrorMessageParser: the error message an API put in its body — a string, the
// messages of a list joined with ', ', or the first non-empty of the usual keys of an object
// (message, messages, error, errors, failures, failure, detail, err, error_message, msg, reason,
// status_message), looked into recursively; a body that is not JSON counts as its text.
import type { ResponseOutcome } from './http-outcome.js';

const KEYS = [
  'message',
  'messages',
  'error',
  'errors',
  'failures',
  'failure',
  'detail',
  'err',
  'error_message',
  'msg',
  'reason',
  'status_message',
];

function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

export function errorFrom(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value
      .map(errorFrom)
      .filter((v): v is string => v !== null)
      .join(', ');
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const found = KEYS.map((key) => (Object.hasOwn(record, key) ? record[key] : undefined)).find(isTruthy);
    return errorFrom(found ?? null);
  }
  return null;
}

export function parseResponseErrorMessage(outcome: ResponseOutcome): string | null {
  return errorFrom(outcome.json === undefined ? outcome.text : outcome.json);
}
