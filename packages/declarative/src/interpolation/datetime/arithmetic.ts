// + - * / // % on dates, datetimes, timedeltas and isodate Durations, with Python's results and
// errors; NOT_IMPLEMENTED lets the caller raise its "unsupported operand" TypeError.
import { typeError, valueError, zeroDivisionError } from '../errors.js';
import { floatOf, intOf, normBig, numericKind, PyFloat, toBig } from '../values/number.js';
import { NOT_IMPLEMENTED, type NotImplemented, type PyValue } from '../values/object.js';
import { daysInMonth } from './calendar.js';
import { checkDate, dateFromOrdinal, PyDate, PyDateTime, PyDuration, PyTimeDelta, roundHalfEven, shiftDateTime } from './model.js';

function isPlainDate(value: PyValue): value is PyDate {
  return value instanceof PyDate && !(value instanceof PyDateTime);
}

function addDelta(date: PyDate, delta: PyTimeDelta): PyDate {
  if (date instanceof PyDateTime) return shiftDateTime(date, delta.totalMicros);
  return dateFromOrdinal(date.ordinal + delta.days);
}

/** isodate's Duration + date: add months and years (clamping the day), then the timedelta. */
function addDuration(date: PyDate, duration: PyDuration): PyDate {
  if (!Number.isInteger(duration.years) || !Number.isInteger(duration.months)) {
    throw valueError('fractional years or months not supported for date calculations');
  }
  const monthIndex = date.month - 1 + duration.months;
  const carry = Math.floor(monthIndex / 12);
  const month = monthIndex - carry * 12 + 1;
  const year = date.year + duration.years + carry;
  checkDate(year, month, 1);
  const day = Math.min(date.day, daysInMonth(year, month));
  const moved =
    date instanceof PyDateTime
      ? new PyDateTime(year, month, day, date.hour, date.minute, date.second, date.microsecond, date.tz)
      : new PyDate(year, month, day);
  return addDelta(moved, duration.tdelta);
}

function delta(micros: bigint): PyTimeDelta {
  return new PyTimeDelta(micros);
}

export function dateAdd(a: PyValue, b: PyValue): PyValue | NotImplemented {
  if (a instanceof PyDate && b instanceof PyTimeDelta) return addDelta(a, b);
  if (a instanceof PyTimeDelta && b instanceof PyDate) return addDelta(b, a);
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return delta(a.totalMicros + b.totalMicros);
  if (a instanceof PyDuration && b instanceof PyDate) return addDuration(b, a);
  if (a instanceof PyDate && b instanceof PyDuration) return addDuration(a, b);
  if (a instanceof PyDuration && b instanceof PyDuration) {
    return new PyDuration(a.years + b.years, a.months + b.months, delta(a.tdelta.totalMicros + b.tdelta.totalMicros));
  }
  if (a instanceof PyDuration && b instanceof PyTimeDelta)
    return new PyDuration(a.years, a.months, delta(a.tdelta.totalMicros + b.totalMicros));
  if (a instanceof PyTimeDelta && b instanceof PyDuration)
    return new PyDuration(b.years, b.months, delta(a.totalMicros + b.tdelta.totalMicros));
  return NOT_IMPLEMENTED;
}

export function dateSub(a: PyValue, b: PyValue): PyValue | NotImplemented {
  if (a instanceof PyDateTime && b instanceof PyDateTime) {
    if ((a.tz === null) !== (b.tz === null)) throw typeError("can't subtract offset-naive and offset-aware datetimes");
    return delta(a.utcMicrosExact - b.utcMicrosExact);
  }
  if (isPlainDate(a) && isPlainDate(b)) return delta(BigInt(a.ordinal - b.ordinal) * 86_400_000_000n);
  if (a instanceof PyDate && b instanceof PyTimeDelta) return addDelta(a, delta(-b.totalMicros));
  if (a instanceof PyTimeDelta && b instanceof PyTimeDelta) return delta(a.totalMicros - b.totalMicros);
  if (a instanceof PyDate && b instanceof PyDuration) return addDuration(a, b.negate());
  if (a instanceof PyDuration && (b instanceof PyDuration || b instanceof PyTimeDelta)) {
    const negated = b instanceof PyDuration ? b.negate() : delta(-b.totalMicros);
    return dateAdd(a, negated);
  }
  if (a instanceof PyTimeDelta && b instanceof PyDuration) return dateAdd(a, b.negate());
  return NOT_IMPLEMENTED;
}

/** timedelta * number, / // % with numbers or timedeltas. */
export function timedeltaArithmetic(op: string, a: PyValue, b: PyValue): PyValue | NotImplemented {
  const td = a instanceof PyTimeDelta ? a : b instanceof PyTimeDelta && op === '*' ? b : null;
  if (td === null) return NOT_IMPLEMENTED;
  const other = td === a ? b : a;
  const micros = td.totalMicros;
  const kind = numericKind(other);
  if (op === '*' && kind !== 0) {
    if (kind === 1) return delta(micros * toBig(intOf(other)));
    return delta(BigInt(roundHalfEven(Number(micros) * floatOf(other))));
  }
  if (td !== a) return NOT_IMPLEMENTED;
  if (other instanceof PyTimeDelta) {
    const divisor = other.totalMicros;
    if (divisor === 0n) throw zeroDivisionError(op === '/' ? 'division by zero' : 'integer division or modulo by zero');
    if (op === '/') return new PyFloat(Number(micros) / Number(divisor));
    const q = floorDiv(micros, divisor);
    if (op === '//') return normBig(q);
    if (op === '%') return delta(micros - q * divisor);
    return NOT_IMPLEMENTED;
  }
  if ((op === '/' || op === '//') && kind !== 0) {
    if (kind === 1) {
      const n = toBig(intOf(other));
      if (n === 0n) throw zeroDivisionError(op === '/' ? 'division by zero' : 'integer division or modulo by zero');
      return delta(op === '//' ? floorDiv(micros, n) : BigInt(roundHalfEven(Number(micros) / Number(n))));
    }
    if (op === '//') return NOT_IMPLEMENTED;
    const f = floatOf(other);
    if (f === 0) throw zeroDivisionError('division by zero');
    return delta(BigInt(roundHalfEven(Number(micros) / f)));
  }
  return NOT_IMPLEMENTED;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function negateTemporal(value: PyValue): PyValue | NotImplemented {
  if (value instanceof PyTimeDelta) return delta(-value.totalMicros);
  if (value instanceof PyDuration) return value.negate();
  return NOT_IMPLEMENTED;
}
