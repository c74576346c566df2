/**
 * `isoTimestamp(ms)` is `new Date(ms).toISOString()`, several times faster: V8 formats dates
 * through a printf-style routine (about 0.8 µs a call on Node 20, measured), which shows up in
 * connectors that emit a timestamp or two per record. The date part (`2024-01-31T`) is taken
 * from `toISOString` once per day and cached; the time of day is formatted with plain
 * arithmetic. Out-of-range and NaN inputs throw the same RangeError as `toISOString`.
 */

const DAY_MS = 86_400_000;
/** Distinct days kept; the cache is emptied when full (records usually cluster in time). */
const CACHED_DAYS = 4096;
const datePrefixes = new Map<number, string>();

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const THREE_DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** The ISO 8601 UTC text of a time in epoch milliseconds, exactly as `Date.prototype.toISOString` writes it. */
export function isoTimestamp(ms: number): string {
  // Date drops fractional milliseconds; NaN and infinities throw in toISOString.
  if (!Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    // Also the range check: toISOString throws for times beyond ±8.64e15 ms.
    const text = new Date(ms).toISOString();
    prefix = text.slice(0, text.indexOf('T') + 1);
    if (datePrefixes.size >= CACHED_DAYS) datePrefixes.clear();
    datePrefixes.set(day, prefix);
  }
  let rest = ms - day;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${prefix}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}.${THREE_DIGITS[rest - seconds * 1000]}Z`;
}
