// The CDK's datetime_helpers as its OAuth code uses them: ab_datetime_parse (epoch seconds, a
// date, ISO 8601, then anything dateutil reads; naive means UTC) and the instant written back
// into the config (`isoformat()`: 2024-06-15T13:34:56+00:00).
import { ConnectorError } from '@tributary/cdk';
import type { Clock } from '../../interpolation/clock.js';
import { isoparse } from '../../interpolation/datetime/isoparse.js';
import { datetimeFromUtcMicros, PyDateTime, shiftDateTime } from '../../interpolation/datetime/model.js';
import { UTC } from '../../interpolation/datetime/timezone.js';

/** ab_datetime_now(): the clock's instant in UTC, with microseconds. */
export function abDatetimeNow(clock: Clock): PyDateTime {
  return datetimeFromUtcMicros(clock(), UTC);
}

export function addSeconds(dt: PyDateTime, seconds: number): PyDateTime {
  return shiftDateTime(dt, BigInt(Math.trunc(seconds)) * 1_000_000n);
}

/** a > b, by instant. */
export function isAfter(a: PyDateTime, b: PyDateTime): boolean {
  return a.utcMicrosExact > b.utcMicrosExact;
}

/** The config's text for an instant, as the CDK writes a token expiry date. */
export function expiryText(dt: PyDateTime): string {
  return dt.isoformat();
}

/** ab_datetime_parse: throws a ConnectorError (system_error) naming the value when it cannot be read. */
export function abDatetimeParse(value: unknown): PyDateTime {
  const parsed = tryParse(value);
  if (parsed === undefined) throw new ConnectorError(`Could not parse datetime string: ${String(value)}`);
  return parsed;
}

function tryParse(value: unknown): PyDateTime | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return fromEpochSeconds(value);
  if (typeof value !== 'string') return undefined;
  if (/^\d+$/.test(value)) return fromEpochSeconds(Number(value));
  if (!value.includes('T') && !value.includes(':')) return dateOnly(value);
  return isoOrLoose(value.endsWith('Z') ? value.slice(0, -1) : value);
}

function fromEpochSeconds(seconds: number): PyDateTime | undefined {
  if (!Number.isSafeInteger(seconds * 1e6)) return undefined;
  try {
    return datetimeFromUtcMicros(seconds * 1e6, UTC);
  } catch {
    return undefined;
  }
}

/** `YYYY-MM-DD` (the CDK rejects other separators and other shapes here). */
function dateOnly(text: string): PyDateTime | undefined {
  const parts = text.split('-');
  if (text.includes('/') || parts.length !== 3 || !parts.every((part) => /^\s*[+-]?\d+\s*$/.test(part))) return undefined;
  const [year, month, day] = parts.map(Number);
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const probe = new Date(0);
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return new PyDateTime(year, month, day, 0, 0, 0, 0, UTC);
}

/** ISO 8601 first (any date/time separator, as dateutil's isoparse), then the forms Date reads (RFC 2822). */
function isoOrLoose(text: string): PyDateTime | undefined {
  try {
    const parsed = isoparse(text.trim());
    return parsed.tz === null ? parsed.withTz(UTC) : parsed;
  } catch {
    const millis = Date.parse(text);
    return Number.isNaN(millis) ? undefined : datetimeFromUtcMicros(millis * 1000, UTC);
  }
}
