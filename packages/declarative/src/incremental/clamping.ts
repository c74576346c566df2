// The CDK's clamping strategies (DatetimeBasedCursor `clamping`): slice boundaries moved to the
// start of the next day, week (a given weekday) or month (the end date to the previous one).

import { weekdayOf } from '../interpolation/datetime/calendar.js';
import { PyDateTime, PyTimeDelta } from '../interpolation/datetime/model.js';
import { minus, plus, type Span } from './datetime-format.js';

export interface ClampingStrategy {
  clamp(value: PyDateTime): PyDateTime;
}

const DAY = new PyTimeDelta(86_400_000_000n);

function midnight(value: PyDateTime): PyDateTime {
  return new PyDateTime(value.year, value.month, value.day, 0, 0, 0, 0, value.tz);
}

export const NO_CLAMPING: ClampingStrategy = { clamp: (value) => value };

export class DayClamping implements ClampingStrategy {
  constructor(private readonly ceiling = true) {}
  clamp(value: PyDateTime): PyDateTime {
    const day = midnight(value);
    return this.ceiling ? plus(day, DAY) : day;
  }
}

export class MonthClamping implements ClampingStrategy {
  constructor(private readonly ceiling = true) {}
  clamp(value: PyDateTime): PyDateTime {
    const day = midnight(value);
    if (value.day === 1) return day;
    if (!this.ceiling) return new PyDateTime(day.year, day.month, 1, 0, 0, 0, 0, day.tz);
    const next = value.month === 12 ? [value.year + 1, 1] : [value.year, value.month + 1];
    return new PyDateTime(next[0], next[1], 1, 0, 0, 0, 0, day.tz);
  }
}

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export class WeekClamping implements ClampingStrategy {
  constructor(
    private readonly dayOfWeek: number,
    private readonly ceiling = true,
  ) {}
  clamp(value: PyDateTime): PyDateTime {
    const weekday = weekdayOf(value.ordinal);
    const toCeiling = weekday > this.dayOfWeek ? 7 - (weekday - this.dayOfWeek) : Math.abs(weekday - this.dayOfWeek);
    const days = this.ceiling ? toCeiling : toCeiling - 7;
    return plus(midnight(value), new PyTimeDelta(BigInt(days) * 86_400_000_000n));
  }
}

/** ClampingEndProvider: the end clamped down, minus the granularity. */
export function clampedEnd(strategy: ClampingStrategy, end: () => PyDateTime, granularity: Span): () => PyDateTime {
  return () => minus(strategy.clamp(end()), granularity);
}
