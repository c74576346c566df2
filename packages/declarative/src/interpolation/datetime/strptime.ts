// Python's datetime.strptime (the _strptime module) in the C locale with TZ=UTC: the same
// directive regexes, case-insensitive matching, whitespace runs matching \s+, and the same errors.
import { PythonError, valueError } from '../errors.js';
import { fromOrdinal, isoCalendar, toOrdinal } from './calendar.js';
import { checkDate, PyDateTime } from './model.js';
import { FixedTz, UTC } from './timezone.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function alternatives(name: string, words: readonly string[]): string {
  const sorted = [...words].sort((a, b) => b.length - a.length);
  return `(?<${name}>${sorted.join('|')})`;
}

const DIRECTIVES: Record<string, string> = {
  d: '(?<d>3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])',
  f: '(?<f>[0-9]{1,6})',
  H: '(?<H>2[0-3]|[0-1]\\d|\\d)',
  I: '(?<I>1[0-2]|0[1-9]|[1-9])',
  G: '(?<G>\\d\\d\\d\\d)',
  j: '(?<j>36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9])',
  m: '(?<m>1[0-2]|0[1-9]|[1-9])',
  M: '(?<M>[0-5]\\d|\\d)',
  S: '(?<S>6[0-1]|[0-5]\\d|\\d)',
  U: '(?<U>5[0-3]|[0-4]\\d|\\d)',
  W: '(?<W>5[0-3]|[0-4]\\d|\\d)',
  w: '(?<w>[0-6])',
  u: '(?<u>[1-7])',
  V: '(?<V>5[0-3]|0[1-9]|[1-4]\\d|\\d)',
  y: '(?<y>\\d\\d)',
  Y: '(?<Y>\\d\\d\\d\\d)',
  z: '(?<z>[+-]\\d\\d:?[0-5]\\d(:?[0-5]\\d(\\.\\d{1,6})?)?|Z)',
  A: alternatives('A', WEEKDAYS),
  a: alternatives(
    'a',
    WEEKDAYS.map((d) => d.slice(0, 3)),
  ),
  B: alternatives('B', MONTHS),
  b: alternatives(
    'b',
    MONTHS.map((m) => m.slice(0, 3)),
  ),
  p: alternatives('p', ['am', 'pm']),
  Z: alternatives('Z', ['utc', 'gmt']),
  '%': '%',
};
const COMPOSITES: Record<string, string> = { c: '%a %b %d %H:%M:%S %Y', x: '%m/%d/%y', X: '%H:%M:%S' };

function pattern(format: string, original: string): string {
  const escaped = format.replace(/[\\.^$*+?(){}[\]|]/g, '\\$&').replace(/\s+/g, '\\s+');
  let out = '';
  let rest = escaped;
  for (;;) {
    const index = rest.indexOf('%');
    if (index < 0) return out + rest;
    if (index + 1 >= rest.length) throw valueError(`stray % in format '${original}'`);
    const directive = rest[index + 1];
    const composite = COMPOSITES[directive];
    const regex = composite === undefined ? DIRECTIVES[directive] : pattern(composite, original);
    if (regex === undefined) {
      throw valueError(`'${directive === '\\' ? rest[index + 2] : directive}' is a bad directive in format '${original}'`);
    }
    out += rest.slice(0, index) + regex;
    rest = rest.slice(index + 2);
  }
}

const cache = new Map<string, RegExp>();

function compile(format: string): RegExp {
  let regex = cache.get(format);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern(format, format)})`, 'iu');
    } catch (error) {
      // A directive used twice: Python's re module refuses the duplicate group name.
      if (error instanceof SyntaxError) throw new PythonError('error', `redefinition of group name in format '${format}'`);
      throw error;
    }
    if (cache.size > 256) cache.clear();
    cache.set(format, regex);
  }
  return regex;
}

function quoted(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** datetime.strptime(text, format). */
export function strptime(text: string, format: string): PyDateTime {
  const match = compile(format).exec(text);
  // Python matches %z's "Z" case-sensitively inside an otherwise case-insensitive pattern.
  if (match === null || match.groups?.z === 'z') throw valueError(`time data ${quoted(text)} does not match format ${quoted(format)}`);
  if (match[0].length !== text.length) throw valueError(`unconverted data remains: ${text.slice(match[0].length)}`);
  const g = match.groups ?? {};
  return buildDateTime(g);
}

function buildDateTime(g: Record<string, string | undefined>): PyDateTime {
  let year = 1900;
  let month = 1;
  let day = 1;
  let hour = 0;
  if (g.y !== undefined) {
    year = Number(g.y);
    year += year <= 68 ? 2000 : 1900;
  }
  if (g.Y !== undefined) year = Number(g.Y);
  if (g.m !== undefined) month = Number(g.m);
  if (g.B !== undefined) month = MONTHS.indexOf(g.B.toLowerCase()) + 1;
  if (g.b !== undefined) month = MONTHS.findIndex((m) => m.startsWith(g.b!.toLowerCase())) + 1;
  if (g.d !== undefined) day = Number(g.d);
  if (g.H !== undefined) hour = Number(g.H);
  if (g.I !== undefined) {
    hour = Number(g.I);
    const pm = g.p?.toLowerCase() === 'pm';
    if (g.p === undefined || !pm) hour = hour === 12 ? 0 : hour;
    else if (hour !== 12) hour += 12;
  }
  const minute = g.M === undefined ? 0 : Number(g.M);
  const second = g.S === undefined ? 0 : Number(g.S);
  const microsecond = g.f === undefined ? 0 : Number(g.f.padEnd(6, '0'));
  const julian = g.j === undefined ? null : Number(g.j);
  [year, month, day] = resolveDate(g, year, month, day, julian);
  checkDate(year, month, day);
  if (second > 59) throw valueError('second must be in 0..59');
  return new PyDateTime(year, month, day, hour, minute, second, microsecond, timezoneOf(g));
}

function resolveDate(g: Record<string, string | undefined>, year: number, month: number, day: number, julian: number | null): number[] {
  const weekday = weekdayOf(g);
  let ordinal: number | null = null;
  if (julian !== null) ordinal = toOrdinal(year, 1, 1) + julian - 1;
  else if (weekday !== null && (g.U !== undefined || g.W !== undefined)) {
    ordinal = toOrdinal(year, 1, 1) - 1 + julianFromWeek(year, Number(g.U ?? g.W), weekday, g.U === undefined);
  } else if (weekday !== null && g.G !== undefined && g.V !== undefined) {
    const isoYear = Number(g.G);
    const jan4 = toOrdinal(isoYear, 1, 4);
    const [, , jan4Weekday] = isoCalendar(isoYear, 1, 4);
    ordinal = jan4 - (jan4Weekday - 1) + (Number(g.V) - 1) * 7 + weekday;
  }
  return ordinal === null ? [year, month, day] : fromOrdinal(ordinal);
}

/** _strptime's _calc_julian_from_U_or_W: the day of the year from a week number and weekday. */
function julianFromWeek(year: number, week: number, weekday: number, weekStartsMonday: boolean): number {
  let firstWeekday = (toOrdinal(year, 1, 1) + 6) % 7;
  let dayOfWeek = weekday;
  if (!weekStartsMonday) {
    firstWeekday = (firstWeekday + 1) % 7;
    dayOfWeek = (dayOfWeek + 1) % 7;
  }
  const week0Length = (7 - firstWeekday) % 7;
  if (week === 0) return 1 + dayOfWeek - firstWeekday;
  return 1 + week0Length + 7 * (week - 1) + dayOfWeek;
}

function weekdayOf(g: Record<string, string | undefined>): number | null {
  if (g.A !== undefined) return WEEKDAYS.indexOf(g.A.toLowerCase());
  if (g.a !== undefined) return WEEKDAYS.findIndex((d) => d.startsWith(g.a!.toLowerCase()));
  if (g.w !== undefined) return (Number(g.w) + 6) % 7;
  if (g.u !== undefined) return Number(g.u) - 1;
  return null;
}

function timezoneOf(g: Record<string, string | undefined>): FixedTz | null {
  const z = g.z;
  if (z === undefined) return null;
  if (z.toUpperCase() === 'Z') return UTC;
  const m = /^([+-])(\d\d):?(\d\d)(?::?(\d\d)(?:\.(\d{1,6}))?)?$/.exec(z)!;
  const sign = m[1] === '-' ? -1 : 1;
  const micros = ((Number(m[2]) * 60 + Number(m[3])) * 60 + Number(m[4] ?? 0)) * 1e6 + Number((m[5] ?? '').padEnd(6, '0'));
  if (micros === 0) return g.Z === undefined ? UTC : new FixedTz(0, 'timezone', g.Z);
  return new FixedTz(sign * micros, 'timezone', g.Z ?? null);
}
