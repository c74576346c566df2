// Attributes and methods of datetime, date, timedelta, isodate Duration and tzinfo objects.
import { isoCalendar, MICROS_PER_DAY, weekdayOf } from '../datetime/calendar.js';
import { isoparse } from '../datetime/isoparse.js';
import {
  checkDate,
  dateFromOrdinal,
  datetimeFromLocalMicros,
  datetimeFromUtcMicros,
  PyDate,
  PyDateTime,
  type PyDuration,
  PyTimeDelta,
} from '../datetime/model.js';
import { strftime } from '../datetime/strftime.js';
import { strptime } from '../datetime/strptime.js';
import { FixedTz, PyTzInfo, UTC } from '../datetime/timezone.js';
import { PythonError, typeError, valueError } from '../errors.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { PyTuple } from '../values/containers.js';
import { floatOf, intOf, isInt, numericKind, PyFloat } from '../values/number.js';
import { MISSING, type Missing, type PyValue } from '../values/object.js';
import { pyTypeName } from '../values/type-name.js';
import { bindArgs, positional } from './args.js';

type Method<T> = (self: T, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function strArg(fname: string, value: PyValue): string {
  if (typeof value !== 'string') throw typeError(`${fname}() argument 1 must be str, not ${pyTypeName(value)}`);
  return value;
}

function intField(value: PyValue | Missing, fallback: number): number {
  if (value === MISSING) return fallback;
  if (!isInt(value) && typeof value !== 'boolean') throw typeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
  return Number(intOf(value));
}

function tzArg(value: PyValue | Missing): PyTzInfo | null {
  if (value === MISSING || value === null) return null;
  if (value instanceof PyTzInfo) return value;
  throw typeError(`tzinfo argument must be None or of a tzinfo subclass, not type '${pyTypeName(value)}'`);
}

function timestampOf(dt: PyDateTime): number {
  return Number(dt.utcMicrosExact) / 1e6;
}

function fromTimestamp(value: PyValue, tz: PyTzInfo | null): PyDateTime {
  if (numericKind(value) === 0) throw typeError(`'${pyTypeName(value)}' object cannot be interpreted as an integer`);
  const micros = Math.round(floatOf(value) * 1e6);
  return tz === null ? datetimeFromLocalMicros(micros, null) : datetimeFromUtcMicros(micros, tz);
}

function ctime(d: PyDate): string {
  const dt = d instanceof PyDateTime ? d : null;
  const time = dt
    ? `${String(dt.hour).padStart(2, '0')}:${String(dt.minute).padStart(2, '0')}:${String(dt.second).padStart(2, '0')}`
    : '00:00:00';
  return `${WEEKDAYS[weekdayOf(d.ordinal)]} ${MONTHS[d.month - 1]} ${String(d.day).padStart(2, ' ')} ${time} ${d.year}`;
}

/** datetime.fromisoformat (Python 3.11 accepts what isoparse does, with datetime's own tzinfo). */
function fromIsoFormat(text: string): PyDateTime {
  try {
    const parsed = isoparse(text);
    const tz = parsed.tz === null ? null : parsed.tz.offsetForLocal(0) === 0 ? UTC : new FixedTz(parsed.tz.offsetForLocal(0), 'timezone');
    return parsed.withTz(tz);
  } catch (error) {
    if (error instanceof PythonError) throw valueError(`Invalid isoformat string: '${text}'`);
    throw error;
  }
}

const DATE_CLASS_METHODS: Record<string, Method<PyDate>> = {
  today: positional('today', 0, 0, (_s, _a, rt) => dateOf(datetimeFromLocalMicros(rt.nowMicros(), null))),
  fromordinal: positional('fromordinal', 1, 1, (_s, a) => dateFromOrdinal(intField(a[0], 0))),
  fromisoformat: positional('fromisoformat', 1, 1, (_s, a) => dateOf(fromIsoFormat(strArg('fromisoformat', a[0])))),
  fromtimestamp: positional('fromtimestamp', 1, 1, (_s, a) => dateOf(fromTimestamp(a[0], null))),
};

function dateOf(dt: PyDate): PyDate {
  return new PyDate(dt.year, dt.month, dt.day);
}

export const DATE_METHODS: Record<string, Method<PyDate>> = {
  ...DATE_CLASS_METHODS,
  strftime: positional('strftime', 1, 1, (self, a, rt) => strftime(self, strArg('strftime', a[0]), rt.budget.limits.maxStringLength)),
  isoformat: positional('isoformat', 0, 0, (self) => self.isoDate()),
  replace: (self, a, k) => {
    const [year, month, day] = bindArgs(
      'replace',
      [
        ['year', MISSING],
        ['month', MISSING],
        ['day', MISSING],
      ],
      a,
      k,
    );
    const y = intField(year, self.year);
    const m = intField(month, self.month);
    const d = intField(day, self.day);
    checkDate(y, m, d);
    return new PyDate(y, m, d);
  },
  weekday: (self) => weekdayOf(self.ordinal),
  isoweekday: (self) => weekdayOf(self.ordinal) + 1,
  isocalendar: (self) => new PyTuple(isoCalendar(self.year, self.month, self.day)),
  toordinal: (self) => self.ordinal,
  ctime: (self) => ctime(self),
};

export const DATETIME_METHODS: Record<string, Method<PyDateTime>> = {
  ...(DATE_METHODS as Record<string, Method<PyDateTime>>),
  now: (_s, a, k, rt) => {
    const [tz] = bindArgs('now', [['tz', null]], a, k);
    const zone = tzArg(tz);
    return zone === null ? datetimeFromLocalMicros(rt.nowMicros(), null) : datetimeFromUtcMicros(rt.nowMicros(), zone);
  },
  utcnow: positional('utcnow', 0, 0, (_s, _a, rt) => datetimeFromLocalMicros(rt.nowMicros(), null)),
  today: positional('today', 0, 0, (_s, _a, rt) => datetimeFromLocalMicros(rt.nowMicros(), null)),
  fromtimestamp: (_s, a, k) => {
    const [ts, tz] = bindArgs('fromtimestamp', [['timestamp'], ['tz', null]], a, k);
    return fromTimestamp(ts as PyValue, tzArg(tz));
  },
  utcfromtimestamp: positional('utcfromtimestamp', 1, 1, (_s, a) => fromTimestamp(a[0], null)),
  fromisoformat: positional('fromisoformat', 1, 1, (_s, a) => fromIsoFormat(strArg('fromisoformat', a[0]))),
  strptime: positional('strptime', 2, 2, (_s, a) => strptime(strArg('strptime', a[0]), strArg('strptime', a[1]))),
  isoformat: (self, a, k) => {
    const [sep, timespec] = bindArgs(
      'isoformat',
      [
        ['sep', 'T'],
        ['timespec', 'auto'],
      ],
      a,
      k,
    );
    const spec = String(timespec);
    if (!['auto', 'hours', 'minutes', 'seconds', 'milliseconds', 'microseconds'].includes(spec)) throw valueError('Unknown timespec value');
    return self.isoformat(String(sep), spec);
  },
  timestamp: positional('timestamp', 0, 0, (self) => new PyFloat(timestampOf(self))),
  date: positional('date', 0, 0, (self) => new PyDate(self.year, self.month, self.day)),
  replace: (self, a, k) => {
    const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond', 'tzinfo'];
    const bound = bindArgs(
      'replace',
      names.map((n) => [n, MISSING] as const),
      a,
      k,
    );
    const f = (i: number, current: number) => intField(bound[i], current);
    const y = f(0, self.year);
    const mo = f(1, self.month);
    const d = f(2, self.day);
    checkDate(y, mo, d);
    const [h, mi, s, us] = [f(3, self.hour), f(4, self.minute), f(5, self.second), f(6, self.microsecond)];
    if (h > 23 || mi > 59 || s > 59 || us > 999999 || Math.min(h, mi, s, us) < 0) throw valueError('time component out of range');
    const tz = bound[7] === MISSING ? self.tz : tzArg(bound[7]);
    return new PyDateTime(y, mo, d, h, mi, s, us, tz);
  },
  astimezone: (self, a, k) => {
    const [tz] = bindArgs('astimezone', [['tz', null]], a, k);
    const target = tzArg(tz) ?? new FixedTz(0, 'timezone', 'UTC');
    return datetimeFromUtcMicros(self.utcMicros, target);
  },
  utcoffset: (self) => {
    const offset = self.offsetMicros();
    return offset === null ? null : new PyTimeDelta(BigInt(offset));
  },
  tzname: (self) => (self.tz === null ? null : self.tz.tzname(self.localMicros)),
  dst: (self) => (self.tz === null ? null : new PyTimeDelta(0n)),
  time: () => {
    throw new PythonError('NotImplementedError', 'datetime.time values are not supported by Tributary templates');
  },
  timetz: () => {
    throw new PythonError('NotImplementedError', 'datetime.time values are not supported by Tributary templates');
  },
  timetuple: () => {
    throw new PythonError('NotImplementedError', 'time.struct_time values are not supported by Tributary templates');
  },
  utctimetuple: () => {
    throw new PythonError('NotImplementedError', 'time.struct_time values are not supported by Tributary templates');
  },
};

export function datetimeProperty(self: PyDate, name: string): PyValue | Missing {
  switch (name) {
    case 'year':
      return self.year;
    case 'month':
      return self.month;
    case 'day':
      return self.day;
  }
  if (!(self instanceof PyDateTime)) return MISSING;
  switch (name) {
    case 'hour':
      return self.hour;
    case 'minute':
      return self.minute;
    case 'second':
      return self.second;
    case 'microsecond':
      return self.microsecond;
    case 'tzinfo':
      return self.tz;
    case 'fold':
      return 0;
    default:
      return MISSING;
  }
}

export const TIMEDELTA_METHODS: Record<string, Method<PyTimeDelta>> = {
  total_seconds: positional('total_seconds', 0, 0, (self) => new PyFloat(self.totalSeconds())),
};

export function timedeltaProperty(self: PyTimeDelta, name: string): PyValue | Missing {
  if (name === 'days') return self.days;
  if (name === 'seconds') return self.seconds;
  if (name === 'microseconds') return self.microseconds;
  return MISSING;
}

export const DURATION_METHODS: Record<string, Method<PyDuration>> = {
  totimedelta: (self, a, k) => {
    const [start, end] = bindArgs(
      'totimedelta',
      [
        ['start', null],
        ['end', null],
      ],
      a,
      k,
    );
    if ((start === null) === (end === null)) throw valueError('start or end required');
    const anchor = (start ?? end) as PyValue;
    if (!(anchor instanceof PyDate)) throw typeError('start or end must be a date or datetime');
    const shifted = (
      anchor instanceof PyDateTime ? anchor : new PyDateTime(anchor.year, anchor.month, anchor.day, 0, 0, 0, 0, null)
    ) as PyDateTime;
    const months = self.years * 12 + self.months;
    const target = addMonths(shifted, start === null ? -months : months);
    const delta = BigInt((target.ordinal - shifted.ordinal) * MICROS_PER_DAY) + self.tdelta.totalMicros * (start === null ? -1n : 1n);
    return new PyTimeDelta(start === null ? -delta : delta);
  },
};

function addMonths(dt: PyDateTime, months: number): PyDateTime {
  const index = dt.month - 1 + months;
  const year = dt.year + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new PyDateTime(year, month, Math.min(dt.day, last), dt.hour, dt.minute, dt.second, dt.microsecond, dt.tz);
}

export function durationProperty(self: PyDuration, name: string): PyValue | Missing {
  if (name === 'years') return Number.isInteger(self.years) ? self.years : new PyFloat(self.years);
  if (name === 'months') return Number.isInteger(self.months) ? self.months : new PyFloat(self.months);
  if (name === 'tdelta') return self.tdelta;
  return MISSING;
}

export const TZINFO_METHODS: Record<string, Method<PyTzInfo>> = {
  utcoffset: (self, a) => new PyTimeDelta(BigInt(self.offsetForLocal(localOf(a[0])))),
  tzname: (self, a) => self.tzname(localOf(a[0])),
  dst: () => new PyTimeDelta(0n),
};

function localOf(value: PyValue | undefined): number {
  return value instanceof PyDateTime ? value.localMicros : 0;
}
