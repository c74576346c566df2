// Backoff strategies of the CDK's declarative error handlers: how long to wait before retrying a
// response or request error (null: let the retry machinery's own backoff decide).
import type { HttpOutcome } from './http-outcome.js';

export interface BackoffStrategy {
  /** Seconds to wait, given the number of attempts made so far (1 after the first attempt). */
  backoffTime(outcome: HttpOutcome, attemptCount: number): number | null;
}

/** A number from a template's value (int or float), or null. */
export function asSeconds(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object' && value !== null && 'value' in value && typeof (value as { value: unknown }).value === 'number') {
    return (value as { value: number }).value;
  }
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}
