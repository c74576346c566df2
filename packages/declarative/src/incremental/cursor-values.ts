// How a cursor reads, compares, steps and writes its values (the CDK's stream state converters):
// datetimes parsed with the cursor's formats and written in its datetime_format, or plain counts.

import type { PyDateTime } from '../interpolation/datetime/model.js';
import { PyTimeDelta } from '../interpolation/datetime/model.js';
import { PythonError } from '../interpolation/errors.js';
import { compareDatetimes, formatDatetimeValue, parseDatetimeValue, plus, type Span } from './datetime-format.js';

/** A value that cannot be read as a cursor value (Python's ValueError). */
export class CursorValueError extends Error {}

export interface CursorValues<V> {
  /** 'date-range' or 'integer': the concurrent state type. */
  readonly stateType: string;
  parse(raw: unknown): V;
  format(value: V): unknown;
  compare(a: V, b: V): number;
  /** The value one unit later (for merging adjacent intervals). */
  increment(value: V): V;
}

/** CustomFormatConcurrentStreamStateConverter: input formats are the cursor formats, then datetime_format. */
export class DatetimeValues implements CursorValues<PyDateTime> {
  readonly stateType = 'date-range';
  private readonly inputFormats: readonly string[];
  private readonly granularity: Span;

  constructor(
    readonly datetimeFormat: string,
    cursorFormats: readonly string[] = [],
    granularity: Span | null = null,
  ) {
    this.inputFormats = [...cursorFormats, datetimeFormat];
    this.granularity = granularity ?? new PyTimeDelta(1000n);
  }

  parse(raw: unknown): PyDateTime {
    for (const format of this.inputFormats) {
      try {
        return parseDatetimeValue(raw, format);
      } catch (error) {
        if (!(error instanceof PythonError) || (error.pyClass !== 'ValueError' && error.pyClass !== 'OverflowError')) throw error;
      }
    }
    throw new CursorValueError(`No format in ${pythonList(this.inputFormats)} matching ${String(raw)}`);
  }

  format(value: PyDateTime): string {
    return formatDatetimeValue(value, this.datetimeFormat);
  }

  compare(a: PyDateTime, b: PyDateTime): number {
    return compareDatetimes(a, b);
  }

  increment(value: PyDateTime): PyDateTime {
    return plus(value, this.granularity);
  }
}

/** IncrementingCountStreamStateConverter: numbers as they are. */
export class CountValues implements CursorValues<number> {
  readonly stateType = 'integer';

  parse(raw: unknown): number {
    return raw as number;
  }

  format(value: number): number {
    return value;
  }

  compare(a: number, b: number): number {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  increment(value: number): number {
    return value + 1;
  }
}

function pythonList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(', ')}]`;
}
