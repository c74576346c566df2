// The CDK's DatetimeParser (as v7.28.2 runs it): parse with Python's strptime, or the CDK's epoch
// formats (%s, %s_as_float, %ms, %epoch_microseconds, and %_ms for milliseconds); a naive result is
// UTC, an aware one keeps its offset. Formatting is strftime, with the same extensions.
import { parseDatetime } from '../interpolation/builtins/cdk-macros.js';
import { dateAdd, dateSub } from '../interpolation/datetime/arithmetic.js';
import {
  PyDateTime as DateTime,
  datetimeFromUtcMicros,
  type PyDateTime,
  type PyDuration,
  type PyTimeDelta,
} from '../interpolation/datetime/model.js';
import { strftime } from '../interpolation/datetime/strftime.js';
import { UTC } from '../interpolation/datetime/timezone.js';
import { PyFloat } from '../interpolation/values/number.js';
import type { PyValue } from '../interpolation/values/object.js';

const MAX_TEXT = 10_000;

/** DatetimeParser.parse(value, format); throws a ValueError (PythonError) when the value does not match. */
export function parseDatetimeValue(value: unknown, format: string): PyDateTime {
  return parseDatetime(value as PyValue, format);
}

/** DatetimeParser.format(dt, format). */
export function formatDatetimeValue(dt: PyDateTime, format: string): string {
  const seconds = () => Number(dt.utcMicrosExact) / 1e6;
  if (format === '%s') return String(Math.trunc(seconds()));
  if (format === '%s_as_float') return new PyFloat(seconds()).repr();
  if (format === '%epoch_microseconds') return String(Math.trunc(seconds() * 1_000_000));
  if (format === '%ms') return String(Math.trunc(seconds() * 1000));
  if (format.includes('%_ms')) {
    const micros = String(dt.microsecond).padStart(6, '0');
    const millis = String(Math.trunc(dt.microsecond / 1000)).padStart(3, '0');
    return strftime(dt, format.replaceAll('%_ms', '%f'), MAX_TEXT).split(micros).join(millis);
  }
  return strftime(dt, format, MAX_TEXT);
}

/** A span of time: a timedelta, or an isodate Duration (months and years). */
export type Span = PyTimeDelta | PyDuration;

export function plus(dt: PyDateTime, span: Span): PyDateTime {
  return dateAdd(dt, span) as PyDateTime;
}

export function minus(dt: PyDateTime, span: Span): PyDateTime {
  return dateSub(dt, span) as PyDateTime;
}

/** Ordering of two instants (aware datetimes compare by instant, as in Python). */
export function compareDatetimes(a: PyDateTime, b: PyDateTime): number {
  const x = a.utcMicrosExact;
  const y = b.utcMicrosExact;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The time now, as the CDK's ab_datetime_now(): UTC with microseconds. */
export function utcNow(clockMicros: number): PyDateTime {
  return datetimeFromUtcMicros(clockMicros, UTC);
}

export function isDatetime(value: unknown): value is PyDateTime {
  return value instanceof DateTime;
}
