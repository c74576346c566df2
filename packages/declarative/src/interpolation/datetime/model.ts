// datetime.timedelta, datetime.date, datetime.datetime and isodate's Duration.
import { overflowError, typeError, valueError } from '../errors.js';
import { floatRepr } from '../values/number.js';
import { NOT_IMPLEMENTED, type NotImplemented, PyObject, type PyValue } from '../values/object.js';
import { EPOCH_ORDINAL, fromOrdinal, MAX_YEAR, MICROS_PER_DAY, MIN_YEAR, toOrdinal } from './calendar.js';
import { formatOffset, type PyTzInfo } from './timezone.js';

const MAX_DELTA_DAYS = 999_999_999;

/** timedelta, normalised as CPython does: 0 <= seconds < 86400, 0 <= microseconds < 10**6. */
export class PyTimeDelta extends PyObject {
  readonly days: number;
  readonly seconds: number;
  readonly microseconds: number;

  /** From a whole number of microseconds (bigint keeps exactness for large spans). */
  constructor(totalMicros: bigint) {
    super();
    const day = BigInt(MICROS_PER_DAY);
    let days = totalMicros / day;
    let rest = totalMicros % day;
    if (rest < 0n) {
      rest += day;
      days -= 1n;
    }
    if (days > BigInt(MAX_DELTA_DAYS) || days < BigInt(-MAX_DELTA_DAYS)) {
      throw overflowError(`days=${days}; must have magnitude <= ${MAX_DELTA_DAYS}`);
    }
    this.days = Number(days);
    this.seconds = Number(rest / 1_000_000n);
    this.microseconds = Number(rest % 1_000_000n);
  }

  get pyType(): string {
    return 'timedelta';
  }
  override get pyQualType(): string {
    return 'datetime.timedelta';
  }
  get totalMicros(): bigint {
    return BigInt(this.days) * BigInt(MICROS_PER_DAY) + BigInt(this.seconds * 1_000_000 + this.microseconds);
  }
  /** The duration in seconds, as Python's `timedelta.total_seconds()`. */
  totalSeconds(): number {
    return Number(this.totalMicros) / 1e6;
  }
  repr(): string {
    const parts: string[] = [];
    if (this.days) parts.push(`days=${this.days}`);
    if (this.seconds) parts.push(`seconds=${this.seconds}`);
    if (this.microseconds) parts.push(`microseconds=${this.microseconds}`);
    return `datetime.timedelta(${parts.length ? parts.join(', ') : '0'})`;
  }
  override str(): string {
    const hh = Math.floor(this.seconds / 3600);
    const mm = String(Math.floor((this.seconds % 3600) / 60)).padStart(2, '0');
    const ss = String(this.seconds % 60).padStart(2, '0');
    let text = `${hh}:${mm}:${ss}`;
    if (this.microseconds) text += `.${String(this.microseconds).padStart(6, '0')}`;
    if (this.days) text = `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${text}`;
    return text;
  }
  override truthy(): boolean {
    return this.days !== 0 || this.seconds !== 0 || this.microseconds !== 0;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other instanceof PyTimeDelta ? this.totalMicros === other.totalMicros : NOT_IMPLEMENTED;
  }
  override compare(other: PyValue): number | NotImplemented {
    if (!(other instanceof PyTimeDelta)) return NOT_IMPLEMENTED;
    const a = this.totalMicros;
    const b = other.totalMicros;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  override hashKey(): string | null {
    return `td${this.totalMicros}`;
  }
}

/** timedelta(days=..., seconds=..., ...) from possibly fractional parts, rounding half to even. */
export function timedeltaFromParts(parts: {
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
  microseconds?: number;
}): PyTimeDelta {
  const scales: [number | undefined, number][] = [
    [parts.weeks, 7 * MICROS_PER_DAY],
    [parts.days, MICROS_PER_DAY],
    [parts.hours, 3_600_000_000],
    [parts.minutes, 60_000_000],
    [parts.seconds, 1_000_000],
    [parts.milliseconds, 1000],
    [parts.microseconds, 1],
  ];
  let whole = 0n;
  let fraction = 0;
  for (const [value, scale] of scales) {
    if (value === undefined || value === 0) continue;
    if (!Number.isFinite(value)) throw valueError(`cannot convert float ${floatRepr(value)} to integer`);
    const integral = Math.trunc(value);
    whole += BigInt(integral) * BigInt(scale);
    fraction += (value - integral) * scale;
  }
  const fracWhole = Math.trunc(fraction);
  whole += BigInt(fracWhole);
  return new PyTimeDelta(whole + BigInt(roundHalfEven(fraction - fracWhole)));
}

export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A date (and the date part of a datetime). */
export class PyDate extends PyObject {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {
    super();
  }
  get pyType(): string {
    return 'date';
  }
  override get pyQualType(): string {
    return 'datetime.date';
  }
  get ordinal(): number {
    return toOrdinal(this.year, this.month, this.day);
  }
  /** `YYYY-MM-DD`, as Python's `date.isoformat()`. */
  isoDate(): string {
    return `${String(this.year).padStart(4, '0')}-${pad2(this.month)}-${pad2(this.day)}`;
  }
  repr(): string {
    return `datetime.date(${this.year}, ${this.month}, ${this.day})`;
  }
  override str(): string {
    return this.isoDate();
  }
  override equals(other: PyValue): boolean | NotImplemented {
    if (other instanceof PyDateTime) return false;
    return other instanceof PyDate ? this.ordinal === other.ordinal : NOT_IMPLEMENTED;
  }
  override compare(other: PyValue): number | NotImplemented {
    if (!(other instanceof PyDate)) return NOT_IMPLEMENTED;
    if (other instanceof PyDateTime) throw typeError(`can't compare ${other.pyQualType} to ${this.pyQualType}`);
    return this.ordinal - other.ordinal;
  }
  override hashKey(): string | null {
    return `d${this.ordinal}`;
  }
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function checkDate(year: number, month: number, day: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) throw valueError(`year ${year} is out of range`);
  if (month < 1 || month > 12) throw valueError('month must be in 1..12');
  const [, , last] = fromOrdinal(toOrdinal(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1);
  if (day < 1 || day > last) throw valueError('day is out of range for month');
}

export function dateFromOrdinal(ordinal: number): PyDate {
  const [y, m, d] = fromOrdinal(ordinal);
  if (y < MIN_YEAR || y > MAX_YEAR) throw overflowError('date value out of range');
  return new PyDate(y, m, d);
}

export class PyDateTime extends PyDate {
  constructor(
    year: number,
    month: number,
    day: number,
    readonly hour: number,
    readonly minute: number,
    readonly second: number,
    readonly microsecond: number,
    readonly tz: PyTzInfo | null,
  ) {
    super(year, month, day);
  }
  override get pyType(): string {
    return 'datetime';
  }
  override get pyQualType(): string {
    return 'datetime.datetime';
  }
  /** Microseconds since the epoch of the wall time, ignoring the time zone. */
  get localMicros(): number {
    return (this.ordinal - EPOCH_ORDINAL) * MICROS_PER_DAY + this.microOfDay;
  }
  get microOfDay(): number {
    return ((this.hour * 60 + this.minute) * 60 + this.second) * 1e6 + this.microsecond;
  }
  /** The instant in microseconds since the epoch, exact for every year (naive counts as UTC). */
  get utcMicrosExact(): bigint {
    const offset = this.offsetMicros() ?? 0;
    return BigInt(this.ordinal - EPOCH_ORDINAL) * BigInt(MICROS_PER_DAY) + BigInt(this.microOfDay - offset);
  }
  /** utcoffset() in microseconds, or null for a naive datetime. */
  offsetMicros(): number | null {
    return this.tz === null ? null : this.tz.offsetForLocal(this.localMicros);
  }
  /** Microseconds since the epoch of the instant (naive datetimes count as UTC, as TZ=UTC does). */
  get utcMicros(): number {
    return this.localMicros - (this.offsetMicros() ?? 0);
  }
  /** The time part of `isoformat()`, with Python's `timespec` choices. */
  isoTime(timespec = 'auto'): string {
    let text = `${pad2(this.hour)}`;
    if (timespec === 'hours') return text;
    text += `:${pad2(this.minute)}`;
    if (timespec === 'minutes') return text;
    text += `:${pad2(this.second)}`;
    if (timespec === 'milliseconds') return `${text}.${String(Math.floor(this.microsecond / 1000)).padStart(3, '0')}`;
    if (timespec === 'microseconds' || (timespec === 'auto' && this.microsecond)) {
      text += `.${String(this.microsecond).padStart(6, '0')}`;
    }
    return text;
  }
  /** Python's `datetime.isoformat(sep, timespec)`, byte for byte. */
  isoformat(sep = 'T', timespec = 'auto'): string {
    const offset = this.offsetMicros();
    return `${this.isoDate()}${sep}${this.isoTime(timespec)}${offset === null ? '' : formatOffset(offset, ':')}`;
  }
  override repr(): string {
    const fields = [this.year, this.month, this.day, this.hour, this.minute];
    if (this.second || this.microsecond) fields.push(this.second);
    if (this.microsecond) fields.push(this.microsecond);
    const tz = this.tz === null ? '' : `, tzinfo=${this.tz.repr(() => '')}`;
    return `datetime.datetime(${fields.join(', ')}${tz})`;
  }
  override str(): string {
    return this.isoformat(' ');
  }
  override equals(other: PyValue): boolean | NotImplemented {
    if (!(other instanceof PyDate)) return NOT_IMPLEMENTED;
    if (!(other instanceof PyDateTime)) return false;
    if ((this.tz === null) !== (other.tz === null)) return false;
    return this.utcMicrosExact === other.utcMicrosExact;
  }
  override compare(other: PyValue): number | NotImplemented {
    if (!(other instanceof PyDate)) return NOT_IMPLEMENTED;
    if (!(other instanceof PyDateTime)) throw typeError(`can't compare ${this.pyQualType} to ${other.pyQualType}`);
    if ((this.tz === null) !== (other.tz === null)) throw typeError("can't compare offset-naive and offset-aware datetimes");
    const a = this.utcMicrosExact;
    const b = other.utcMicrosExact;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  override hashKey(): string | null {
    return `dt${this.utcMicrosExact}`;
  }
  /** The same wall time in another time zone (`replace(tzinfo=…)`), not converted. */
  withTz(tz: PyTzInfo | null): PyDateTime {
    return new PyDateTime(this.year, this.month, this.day, this.hour, this.minute, this.second, this.microsecond, tz);
  }
}

/** A datetime from microseconds since the epoch of its wall time. */
export function datetimeFromLocalMicros(localMicros: number, tz: PyTzInfo | null): PyDateTime {
  const days = Math.floor(localMicros / MICROS_PER_DAY);
  let rest = localMicros - days * MICROS_PER_DAY;
  const [y, m, d] = fromOrdinal(days + EPOCH_ORDINAL);
  if (y < MIN_YEAR || y > MAX_YEAR) throw overflowError('date value out of range');
  const micro = rest % 1e6;
  rest = (rest - micro) / 1e6;
  return new PyDateTime(y, m, d, Math.floor(rest / 3600), Math.floor((rest % 3600) / 60), rest % 60, micro, tz);
}

/** A datetime plus a number of microseconds, exact for every year. */
export function shiftDateTime(dt: PyDateTime, deltaMicros: bigint, tz: PyTzInfo | null = dt.tz): PyDateTime {
  const day = BigInt(MICROS_PER_DAY);
  const total = BigInt(dt.microOfDay) + deltaMicros;
  let days = total / day;
  let rest = total % day;
  if (rest < 0n) {
    rest += day;
    days -= 1n;
  }
  const ordinal = dt.ordinal + Number(days);
  const [y, m, d] = fromOrdinal(ordinal);
  if (ordinal < 1 || y > MAX_YEAR) throw overflowError('date value out of range');
  const micros = Number(rest);
  const seconds = Math.floor(micros / 1e6);
  return new PyDateTime(y, m, d, Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60, micros % 1e6, tz);
}

/** The instant `utcMicros` as a wall time in `tz` (astimezone). */
export function datetimeFromUtcMicros(utcMicros: number, tz: PyTzInfo): PyDateTime {
  return datetimeFromLocalMicros(utcMicros + tz.offsetForUtc(utcMicros), tz);
}

/** isodate's Duration: years and months besides a timedelta (from durations like P1M). */
export class PyDuration extends PyObject {
  constructor(
    readonly years: number,
    readonly months: number,
    readonly tdelta: PyTimeDelta,
  ) {
    super();
  }
  get pyType(): string {
    return 'Duration';
  }
  override get pyQualType(): string {
    return 'isodate.duration.Duration';
  }
  repr(): string {
    const t = this.tdelta;
    return `isodate.duration.Duration(${t.days}, ${t.seconds}, ${t.microseconds}, years=${decimalText(this.years)}, months=${decimalText(this.months)})`;
  }
  override str(): string {
    const parts: string[] = [];
    if (this.years) parts.push(`${Math.trunc(this.years)} years`);
    if (this.months) parts.push(`${Math.trunc(this.months)} month${this.months <= 1 ? '' : 's'}`);
    parts.push(this.tdelta.str());
    return parts.join(', ');
  }
  /** The opposite duration. */
  negate(): PyDuration {
    return new PyDuration(-this.years, -this.months, new PyTimeDelta(-this.tdelta.totalMicros));
  }
  override equals(other: PyValue): boolean | NotImplemented {
    if (other instanceof PyDuration) {
      return this.years * 12 + this.months === other.years * 12 + other.months && this.tdelta.totalMicros === other.tdelta.totalMicros;
    }
    if (other instanceof PyTimeDelta) return this.years === 0 && this.months === 0 && this.tdelta.totalMicros === other.totalMicros;
    return NOT_IMPLEMENTED;
  }
  override hashKey(): string | null {
    return `du${this.years},${this.months},${this.tdelta.totalMicros}`;
  }
}

function decimalText(value: number): string {
  // isodate keeps years and months as Decimal, whose str has no trailing ".0".
  return String(value);
}
