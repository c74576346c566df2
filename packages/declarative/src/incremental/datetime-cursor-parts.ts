// A DatetimeBasedCursor's parts as the CDK's factory builds its ConcurrentCursor: the cursor field
// and slice keys (templates over config), the formats, start and end (MinMaxDatetime, the end
// defaulting to now), the step and granularity (set together), the lookback window and clamping.
import { ConnectorError } from '@tributary/cdk';
import type { DatetimeBasedCursor as DatetimeModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { parseDuration } from '../interpolation/datetime/iso-duration.js';
import type { PyDateTime } from '../interpolation/datetime/model.js';
import { isPyInstance } from '../interpolation/errors.js';
import { truthy } from '../interpolation/values/compare.js';
import { pyStr } from '../interpolation/values/repr.js';
import { type ClampingStrategy, clampedEnd, DayClamping, MonthClamping, NO_CLAMPING, WEEKDAYS, WeekClamping } from './clamping.js';
import type { ConcurrentCursorOptions } from './concurrent-cursor.js';
import { DatetimeValues } from './cursor-values.js';
import { minus, plus, type Span, utcNow } from './datetime-format.js';
import { MinMaxDatetime } from './min-max-datetime.js';

export type DatetimeCursorParts = Omit<ConcurrentCursorOptions<PyDateTime>, 'state' | 'warn'> & {
  readonly values: DatetimeValues;
  readonly startField: string;
  readonly endField: string;
};

export function datetimeCursorParts(model: DatetimeModel, env: ComponentEnvironment): DatetimeCursorParts {
  const parameters = parametersOf(model);
  const text = (value: unknown) => new InterpolatedString(String(value), parameters).evalString(env);
  const granularity = model.cursor_granularity ? parseDuration(model.cursor_granularity) : null;
  if (Boolean(model.step) !== Boolean(model.cursor_granularity)) {
    throw ConnectorError.config(
      `If step is defined, cursor_granularity should be as well and vice-versa. Right now, step is \`${model.step ?? 'None'}\` and cursor_granularity is \`${model.cursor_granularity ?? 'None'}\``,
    );
  }
  const values = new DatetimeValues(model.datetime_format, model.cursor_datetime_formats ?? [], granularity);
  const start = new MinMaxDatetime(model.start_datetime, model.datetime_format, parameters).get(env);
  const endDatetime = model.end_datetime ? new MinMaxDatetime(model.end_datetime, model.datetime_format, parameters) : null;
  let end = endDatetime ? () => endDatetime.get(env) : () => utcNow(env.clock());
  const [clamping, clampEnd] = clampingOf(model, text);
  if (clampEnd !== null) end = clampedEnd(clampEnd, end, granularity ?? clampEnd.defaultGranularity);
  const step = optionalSpan(model.step, parameters, env);
  const lookback = optionalSpan(model.lookback_window, parameters, env);
  return {
    values,
    cursorField: text(model.cursor_field),
    startField: text(model.partition_field_start ?? 'start_time'),
    endField: text(model.partition_field_end ?? 'end_time'),
    boundaryFields: [text(model.partition_field_start ?? 'start_time'), text(model.partition_field_end ?? 'end_time')],
    start,
    end,
    stepFrom: step === null ? null : (lower) => stepSafely(lower, step),
    lookback: lookback === null ? null : (value) => minus(value, lookback),
    granularity: granularity === null ? null : { plus: (v) => plus(v, granularity), minus: (v) => minus(v, granularity) },
    clamp: (value) => clamping.clamp(value),
  };
}

/** A duration field that may be a template over config; empty means none. */
function optionalSpan(field: string | undefined, parameters: Record<string, unknown>, env: ComponentEnvironment): Span | null {
  if (!field) return null;
  const value = new InterpolatedString(field, parameters as never).eval(env);
  return truthy(value) ? parseDuration(pyStr(value)) : null;
}

/** lower + step, or null when that is past year 9999 (the CDK then uses the end). */
function stepSafely(lower: PyDateTime, step: Span): PyDateTime | null {
  try {
    return plus(lower, step);
  } catch (error) {
    if (isPyInstance(error, 'OverflowError') || isPyInstance(error, 'ValueError')) return null;
    throw error;
  }
}

type EndClamping = ClampingStrategy & { defaultGranularity: Span };

function clampingOf(model: DatetimeModel, text: (v: unknown) => string): [ClampingStrategy, EndClamping | null] {
  const clamping = model.clamping as { target?: string; target_details?: { weekday?: string } } | undefined;
  if (!clamping) return [NO_CLAMPING, null];
  const target = text(clamping.target);
  const oneDay = parseDuration('P1D');
  if (target === 'DAY') return [new DayClamping(), Object.assign(new DayClamping(false), { defaultGranularity: parseDuration('PT1S') })];
  if (target === 'MONTH') return [new MonthClamping(), Object.assign(new MonthClamping(false), { defaultGranularity: oneDay })];
  if (target === 'WEEK') {
    const weekday = clamping.target_details?.weekday;
    if (!weekday) throw ConnectorError.config('Given WEEK clamping, weekday needs to be provided as target_details');
    const day = WEEKDAYS.indexOf(weekday);
    if (day === -1) throw ConnectorError.config(`Unknown weekday ${weekday}`);
    return [new WeekClamping(day), Object.assign(new WeekClamping(day, false), { defaultGranularity: oneDay })];
  }
  throw ConnectorError.config(`Invalid clamping target ${target}, expected DAY, WEEK, MONTH`);
}
