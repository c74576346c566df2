// Python's datetime.strftime: %f, %z and %Z are Python's own; every other directive goes to the C
// library, so this follows glibc's strftime in the C locale (flags _ - 0 ^ #, field widths, %s in
// UTC as the CDK's TZ=UTC containers give, unknown directives copied through).
import { limitError } from '../limits.js';
import { isoCalendar, toOrdinal, weekdayOf } from './calendar.js';
import { type PyDate, PyDateTime } from './model.js';
import { formatOffset } from './timezone.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
  /** Offset in microseconds, null when naive (dates are naive). */
  offset: number | null;
  tzname: string | null;
  ordinal: number;
}

function fieldsOf(value: PyDate): Fields {
  const dt = value instanceof PyDateTime ? value : null;
  const offset = dt ? dt.offsetMicros() : null;
  return {
    year: value.year,
    month: value.month,
    day: value.day,
    hour: dt?.hour ?? 0,
    minute: dt?.minute ?? 0,
    second: dt?.second ?? 0,
    microsecond: dt?.microsecond ?? 0,
    offset,
    tzname: dt?.tz ? dt.tz.tzname(dt.localMicros) : null,
    ordinal: toOrdinal(value.year, value.month, value.day),
  };
}

/** datetime.strftime / date.strftime. `maxLength` bounds field widths (a sandbox limit). */
export function strftime(value: PyDate, format: string, maxLength: number): string {
  const f = fieldsOf(value);
  let out = '';
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    const next = format[i + 1];
    if (next === 'f' || next === 'z' || next === 'Z') {
      out += pythonDirective(next, f);
      i += 2;
      continue;
    }
    const [text, consumed] = glibcDirective(format, i, f, maxLength);
    out += text;
    i += consumed;
    if (out.length > maxLength) throw limitError(`a strftime result of ${out.length} characters`);
  }
  return out;
}

function pythonDirective(directive: string, f: Fields): string {
  if (directive === 'f') return String(f.microsecond).padStart(6, '0');
  if (directive === 'z') return f.offset === null ? '' : formatOffset(f.offset, '');
  return f.tzname ?? '';
}

const FLAGS = '_-0^#';

/** One glibc conversion starting at format[start] === '%'; returns its text and length. */
function glibcDirective(format: string, start: number, f: Fields, maxLength: number): [string, number] {
  let i = start + 1;
  let pad = '';
  let upcase = false;
  let swapcase = false;
  while (i < format.length && FLAGS.includes(format[i])) {
    const flag = format[i++];
    if (flag === '^') upcase = true;
    else if (flag === '#') swapcase = true;
    else pad = flag;
  }
  let widthText = '';
  while (i < format.length && format[i] >= '0' && format[i] <= '9') widthText += format[i++];
  const width = widthText === '' ? -1 : Number(widthText);
  if (width > maxLength) throw limitError(`a strftime field width of ${width}`);
  while (i < format.length && (format[i] === 'E' || format[i] === 'O')) i++;
  if (i >= format.length) return [format.slice(start), format.length - start];
  const conversion = format[i];
  const spec = { pad, upcase, swapcase, width };
  const text = convert(conversion, f, spec, maxLength);
  if (text === null) return [format.slice(start, i + 1), i + 1 - start];
  return [text, i + 1 - start];
}

interface Spec {
  pad: string;
  upcase: boolean;
  swapcase: boolean;
  width: number;
}

function num(value: number, digits: number, spec: Spec, defaultPad = '0'): string {
  const negative = value < 0;
  const text = String(Math.abs(value));
  const padChar = spec.pad === '' ? defaultPad : spec.pad;
  const width = spec.width >= 0 ? spec.width : digits;
  const body = (negative ? '-' : '') + text;
  // '-' drops the zero padding, but an explicit width still pads (with spaces), as glibc does.
  if (padChar === '-') return spec.width > body.length ? ' '.repeat(spec.width - body.length) + body : body;
  if (body.length >= width) return body;
  if (padChar === '_' || padChar === ' ') return ' '.repeat(width - body.length) + body;
  return (negative ? '-' : '') + '0'.repeat(width - body.length) + text;
}

function str(value: string, spec: Spec, caseFlag: 'upper' | 'lower' | null = null): string {
  let text = value;
  if (spec.upcase) text = text.toUpperCase();
  else if (spec.swapcase && caseFlag === 'upper') text = text.toUpperCase();
  else if (spec.swapcase && caseFlag === 'lower') text = text.toLowerCase();
  if (spec.width > text.length) text = (spec.pad === '0' ? '0' : ' ').repeat(spec.width - text.length) + text;
  return text;
}

function composite(format: string, f: Fields, spec: Spec, maxLength: number): string {
  const text = strftime(syntheticDate(f), format, maxLength);
  return str(text, { ...spec, upcase: spec.upcase });
}

function syntheticDate(f: Fields): PyDate {
  return new PyDateTime(f.year, f.month, f.day, f.hour, f.minute, f.second, f.microsecond, null);
}

interface Context {
  f: Fields;
  spec: Spec;
  weekday: number;
  yday: number;
  maxLength: number;
}

const iso = (f: Fields) => isoCalendar(f.year, f.month, f.day);

/** glibc's conversions in the C locale (flags and widths applied by num/str). */
const CONVERSIONS: Record<string, (c: Context) => string> = {
  '%': ({ spec }) => str('%', spec),
  a: ({ spec, weekday }) => str(WEEKDAYS[weekday].slice(0, 3), spec, 'upper'),
  A: ({ spec, weekday }) => str(WEEKDAYS[weekday], spec, 'upper'),
  b: ({ f, spec }) => str(MONTHS[f.month - 1].slice(0, 3), spec, 'upper'),
  h: ({ f, spec }) => str(MONTHS[f.month - 1].slice(0, 3), spec, 'upper'),
  B: ({ f, spec }) => str(MONTHS[f.month - 1], spec, 'upper'),
  c: ({ f, spec, maxLength }) => composite('%a %b %e %H:%M:%S %Y', f, spec, maxLength),
  C: ({ f, spec }) => num(Math.floor(f.year / 100), 2, spec),
  d: ({ f, spec }) => num(f.day, 2, spec),
  D: ({ f, spec, maxLength }) => composite('%m/%d/%y', f, spec, maxLength),
  e: ({ f, spec }) => num(f.day, 2, spec, '_'),
  F: ({ f, spec, maxLength }) => composite('%Y-%m-%d', f, spec, maxLength),
  G: ({ f, spec }) => num(iso(f)[0], 1, spec),
  g: ({ f, spec }) => num(iso(f)[0] % 100, 2, spec),
  H: ({ f, spec }) => num(f.hour, 2, spec),
  I: ({ f, spec }) => num(f.hour % 12 || 12, 2, spec),
  j: ({ spec, yday }) => num(yday + 1, 3, spec),
  k: ({ f, spec }) => num(f.hour, 2, spec, '_'),
  l: ({ f, spec }) => num(f.hour % 12 || 12, 2, spec, '_'),
  m: ({ f, spec }) => num(f.month, 2, spec),
  M: ({ f, spec }) => num(f.minute, 2, spec),
  n: ({ spec }) => str('\n', spec),
  t: ({ spec }) => str('\t', spec),
  p: ({ f, spec }) => str(f.hour < 12 ? 'AM' : 'PM', spec, 'lower'),
  P: ({ f, spec }) => str(f.hour < 12 ? 'am' : 'pm', spec),
  r: ({ f, spec, maxLength }) => composite('%I:%M:%S %p', f, spec, maxLength),
  R: ({ f, spec, maxLength }) => composite('%H:%M', f, spec, maxLength),
  s: ({ f, spec }) => num(epochSecondsOfWallTime(f), 1, spec),
  S: ({ f, spec }) => num(f.second, 2, spec),
  T: ({ f, spec, maxLength }) => composite('%H:%M:%S', f, spec, maxLength),
  u: ({ spec, weekday }) => num(weekday + 1, 1, spec),
  U: ({ spec, weekday, yday }) => num(Math.floor((yday + 7 - ((weekday + 1) % 7)) / 7), 2, spec),
  V: ({ f, spec }) => num(iso(f)[1], 2, spec),
  w: ({ spec, weekday }) => num((weekday + 1) % 7, 1, spec),
  W: ({ spec, weekday, yday }) => num(Math.floor((yday + 7 - weekday) / 7), 2, spec),
  x: ({ f, spec, maxLength }) => composite('%m/%d/%y', f, spec, maxLength),
  X: ({ f, spec, maxLength }) => composite('%H:%M:%S', f, spec, maxLength),
  y: ({ f, spec }) => num(((f.year % 100) + 100) % 100, 2, spec),
  Y: ({ f, spec }) => num(f.year, 1, spec),
  // Python hands glibc a struct tm with tm_isdst = -1, for which glibc prints no offset or zone.
  z: ({ spec }) => str('', spec),
  Z: ({ spec }) => str('', spec),
};

function convert(c: string, f: Fields, spec: Spec, maxLength: number): string | null {
  if (!Object.hasOwn(CONVERSIONS, c)) return null;
  const weekday = weekdayOf(f.ordinal);
  const yday = f.ordinal - toOrdinal(f.year, 1, 1);
  return CONVERSIONS[c]({ f, spec, weekday, yday, maxLength });
}

/** glibc's %s: mktime of the wall fields in the process time zone, which is UTC for the CDK. */
function epochSecondsOfWallTime(f: Fields): number {
  return (f.ordinal - 719163) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
}
