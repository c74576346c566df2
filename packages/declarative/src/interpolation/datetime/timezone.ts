// tzinfo objects. Templates only get them from the CDK's macros (datetime.timezone.utc from
// now_utc, pytz.utc from str_to_datetime, dateutil's tzutc/tzoffset from isoparse, fixed offsets
// from strptime's %z, IANA zones from today_with_timezone), and each prints as its Python class does.
import { PythonError } from '../errors.js';
import { type NotImplemented, PyObject, type PyValue } from '../values/object.js';

export type FixedTzStyle = 'timezone' | 'pytz-utc' | 'tzutc' | 'tzoffset';

export abstract class PyTzInfo extends PyObject {
  /** Offset from UTC in microseconds for a wall time given as microseconds since the epoch. */
  abstract offsetForLocal(localEpochMicros: number): number;
  /** Offset from UTC in microseconds at a UTC instant. */
  abstract offsetForUtc(utcEpochMicros: number): number;
  abstract tzname(localEpochMicros: number): string | null;
}

export class FixedTz extends PyTzInfo {
  constructor(
    readonly offsetMicros: number,
    readonly style: FixedTzStyle,
    readonly name: string | null = null,
  ) {
    super();
  }
  get pyType(): string {
    return { timezone: 'timezone', 'pytz-utc': 'UTC', tzutc: 'tzutc', tzoffset: 'tzoffset' }[this.style];
  }
  override get pyQualType(): string {
    return { timezone: 'datetime.timezone', 'pytz-utc': 'pytz.UTC', tzutc: 'dateutil.tz.tz.tzutc', tzoffset: 'dateutil.tz.tz.tzoffset' }[
      this.style
    ];
  }
  offsetForLocal(): number {
    return this.offsetMicros;
  }
  offsetForUtc(): number {
    return this.offsetMicros;
  }
  tzname(): string | null {
    if (this.style === 'tzoffset') return this.name;
    if (this.style !== 'timezone' || this.name !== null) return this.name ?? 'UTC';
    return this.offsetMicros === 0 ? 'UTC' : `UTC${formatOffset(this.offsetMicros, ':')}`;
  }
  repr(): string {
    switch (this.style) {
      case 'pytz-utc':
        return '<UTC>';
      case 'tzutc':
        return 'tzutc()';
      case 'tzoffset':
        return `tzoffset(${this.name === null ? 'None' : `'${this.name}'`}, ${this.offsetMicros / 1e6})`;
      default:
        if (this.offsetMicros === 0 && this.name === null) return 'datetime.timezone.utc';
        return `datetime.timezone(${timedeltaReprOfMicros(this.offsetMicros)}${this.name === null ? '' : `, '${this.name}'`})`;
    }
  }
  override str(): string {
    return this.style === 'timezone' || this.style === 'pytz-utc' ? (this.tzname() ?? '') : this.repr();
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other instanceof FixedTz && other.offsetMicros === this.offsetMicros && other.style === this.style;
  }
  override hashKey(): string | null {
    return `tz${this.style}${this.offsetMicros}`;
  }
}

function timedeltaReprOfMicros(micros: number): string {
  if (micros === 0) return 'datetime.timedelta(0)';
  const days = Math.floor(micros / 86_400_000_000);
  const rest = micros - days * 86_400_000_000;
  const seconds = Math.floor(rest / 1e6);
  const parts = [days ? `days=${days}` : '', seconds ? `seconds=${seconds}` : '', rest % 1e6 ? `microseconds=${rest % 1e6}` : ''];
  return `datetime.timedelta(${parts.filter(Boolean).join(', ')})`;
}

/** `+HH:MM` (with seconds when present), the way isoformat and %z print an offset. */
export function formatOffset(offsetMicros: number, separator: string): string {
  const sign = offsetMicros < 0 ? '-' : '+';
  let rest = Math.abs(offsetMicros);
  const micros = rest % 1e6;
  rest = Math.floor(rest / 1e6);
  const hh = String(Math.floor(rest / 3600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3600) / 60)).padStart(2, '0');
  const ss = rest % 60;
  let text = `${sign}${hh}${separator}${mm}`;
  if (ss || micros) text += `${separator}${String(ss).padStart(2, '0')}`;
  if (micros) text += `.${String(micros).padStart(6, '0')}`;
  return text;
}

export const UTC = new FixedTz(0, 'timezone');
export const PYTZ_UTC = new FixedTz(0, 'pytz-utc');
export const TZUTC = new FixedTz(0, 'tzutc');

/** An IANA zone (pytz.timezone(name)), with offsets from the platform's time zone database. */
export class ZoneTz extends PyTzInfo {
  private readonly format: Intl.DateTimeFormat;

  constructor(readonly name: string) {
    super();
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      timeZoneName: 'short',
    });
  }
  get pyType(): string {
    return 'DstTzInfo';
  }
  override get pyQualType(): string {
    return 'pytz.tzfile.DstTzInfo';
  }
  offsetForUtc(utcEpochMicros: number): number {
    const millis = Math.floor(utcEpochMicros / 1000);
    const parts = Object.fromEntries(this.format.formatToParts(new Date(millis)).map((p) => [p.type, p.value]));
    const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
    return (local - Math.floor(millis / 1000) * 1000) * 1000;
  }
  offsetForLocal(localEpochMicros: number): number {
    const guess = this.offsetForUtc(localEpochMicros);
    return this.offsetForUtc(localEpochMicros - guess);
  }
  tzname(localEpochMicros: number): string | null {
    const utc = localEpochMicros - this.offsetForLocal(localEpochMicros);
    const part = this.format.formatToParts(new Date(Math.floor(utc / 1000))).find((p) => p.type === 'timeZoneName');
    return part?.value ?? null;
  }
  repr(): string {
    return `<DstTzInfo '${this.name}'>`;
  }
  override str(): string {
    return this.name;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other instanceof ZoneTz && other.name === this.name;
  }
  override hashKey(): string | null {
    return `zone${this.name}`;
  }
}

/** pytz.timezone(name). */
export function zoneNamed(name: string): PyTzInfo {
  if (name.toUpperCase() === 'UTC') return PYTZ_UTC;
  try {
    return new ZoneTz(name);
  } catch {
    throw new PythonError('UnknownTimeZoneError', `'${name}'`);
  }
}
