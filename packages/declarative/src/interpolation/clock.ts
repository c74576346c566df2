// The clock now_utc(), today_utc() and day_delta() read. Production uses Date (so a process-wide
// faked clock, as faketime gives, applies); tests inject a fixed instant.
import { valueError } from './errors.js';

/** Returns the current time in microseconds since the Unix epoch. */
export type Clock = () => number;

/**
 * The clock templates read (`now_utc()`, `today_utc()`), in microseconds as Python's datetime
 * resolves them.
 */
export const systemClock: Clock = () => Date.now() * 1000;

/** A clock frozen at an ISO-8601 instant with up to microsecond precision (e.g. 2024-06-15T12:34:56.789012+00:00). */
export function fixedClock(instant: string): Clock {
  const m = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)$/.exec(instant);
  if (m === null) throw valueError(`not an ISO-8601 instant with a time zone: ${instant}`);
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) throw valueError(`not an ISO-8601 instant with a time zone: ${instant}`);
  const micros = seconds * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
  return () => micros;
}
