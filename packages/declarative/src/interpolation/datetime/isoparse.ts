// dateutil's parser.isoparse, which the CDK's str_to_datetime (and so timestamp and
// format_datetime) uses: the same accepted forms, the same ValueErrors.
import { PythonError, valueError } from '../errors.js';
import { parseIntText } from '../values/number.js';
import { fromOrdinal, isLeap, toOrdinal } from './calendar.js';
import { checkDate, PyDateTime, shiftDateTime } from './model.js';
import { FixedTz, TZUTC } from './timezone.js';

function bytesRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Python's bytes repr escapes control characters
  const body = text.replace(/[\\\x00-\x1f\x7f]/g, (ch) =>
    ch === '\\'
      ? '\\\\'
      : ch === '\n'
        ? '\\n'
        : ch === '\t'
          ? '\\t'
          : ch === '\r'
            ? '\\r'
            : `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return `b${quote}${quote === "'" ? body.replaceAll("'", "\\'") : body}${quote}`;
}

/** Python's int(bytes) as isoparse applies it to slices of the string. */
function int(text: string): number {
  return Number(parseIntText(text, 10, bytesRepr(text)));
}

export function isoparse(input: string): PyDateTime {
  if (/[^\p{ASCII}]/u.test(input)) throw valueError('ISO-8601 strings should contain only ASCII characters');
  const [date, pos] = parseIsoDate(input);
  let time: [number, number, number, number, FixedTz | null] = [0, 0, 0, 0, null];
  if (input.length > pos) time = parseIsoTime(input.slice(pos + 1));
  const [year, month, day] = date;
  checkDate(year, month, day);
  if (time[0] === 24) {
    const midnight = new PyDateTime(year, month, day, 0, time[1], time[2], time[3], time[4]);
    return shiftDateTime(midnight, 86_400_000_000n);
  }
  checkTime(time);
  return new PyDateTime(year, month, day, time[0], time[1], time[2], time[3], time[4]);
}

function checkTime([hour, minute, second]: readonly [number, number, number, number, unknown]): void {
  if (hour < 0 || hour > 23) throw valueError('hour must be in 0..23');
  if (minute < 0 || minute > 59) throw valueError('minute must be in 0..59');
  if (second < 0 || second > 59) throw valueError('second must be in 0..59');
}

function parseIsoDate(s: string): [[number, number, number], number] {
  try {
    return parseCommonDate(s);
  } catch (error) {
    if (!(error instanceof PythonError) || error.pyClass !== 'ValueError') throw error;
    return parseUncommonDate(s);
  }
}

function parseCommonDate(s: string): [[number, number, number], number] {
  if (s.length < 4) throw valueError('ISO string too short');
  const date: [number, number, number] = [int(s.slice(0, 4)), 1, 1];
  let pos = 4;
  if (pos >= s.length) return [date, pos];
  const hasSep = s[pos] === '-';
  if (hasSep) pos += 1;
  if (s.length - pos < 2) throw valueError('Invalid common month');
  date[1] = int(s.slice(pos, pos + 2));
  pos += 2;
  if (pos >= s.length) {
    if (hasSep) return [date, pos];
    throw valueError('Invalid ISO format');
  }
  if (hasSep) {
    if (s[pos] !== '-') throw valueError('Invalid separator in ISO string');
    pos += 1;
  }
  if (s.length - pos < 2) throw valueError('Invalid common day');
  date[2] = int(s.slice(pos, pos + 2));
  return [date, pos + 2];
}

function parseUncommonDate(s: string): [[number, number, number], number] {
  if (s.length < 4) throw valueError('ISO string too short');
  const year = int(s.slice(0, 4));
  const hasSep = s[4] === '-';
  let pos = 4 + (hasSep ? 1 : 0);
  let ordinal: number;
  if (s[pos] === 'W') {
    pos += 1;
    const week = int(s.slice(pos, pos + 2));
    pos += 2;
    let weekday = 1;
    if (s.length > pos) {
      if ((s[pos] === '-') !== hasSep) throw valueError('Inconsistent use of dash separator');
      pos += hasSep ? 1 : 0;
      weekday = int(s.slice(pos, pos + 1));
      pos += 1;
    }
    if (week < 1 || week > 53) throw valueError(`Invalid week: ${week}`);
    if (weekday < 1 || weekday > 7) throw valueError(`Invalid weekday: ${weekday}`);
    const jan4 = toOrdinal(year, 1, 4);
    const week1Monday = jan4 - ((jan4 + 6) % 7);
    ordinal = week1Monday + (week - 1) * 7 + weekday - 1;
  } else {
    if (s.length - pos < 3) throw valueError('Invalid ordinal day');
    const day = int(s.slice(pos, pos + 3));
    pos += 3;
    if (day < 1 || day > 365 + (isLeap(year) ? 1 : 0)) throw valueError(`Invalid ordinal day ${day} for year ${year}`);
    ordinal = toOrdinal(year, 1, 1) + day - 1;
  }
  return [fromOrdinal(ordinal), pos];
}

const FRACTION = /^[.,]([0-9]+)/;

function parseIsoTime(s: string): [number, number, number, number, FixedTz | null] {
  const parts: [number, number, number, number, FixedTz | null] = [0, 0, 0, 0, null];
  if (s.length < 2) throw valueError('ISO time too short');
  let pos = 0;
  let comp = -1;
  let hasSep = false;
  while (pos < s.length && comp < 5) {
    comp += 1;
    if ('-+Zz'.includes(s[pos])) {
      parts[4] = parseTz(s.slice(pos));
      pos = s.length;
      break;
    }
    if (comp === 1 && s[pos] === ':') {
      hasSep = true;
      pos += 1;
    } else if (comp === 2 && hasSep) {
      if (s[pos] !== ':') throw valueError('Inconsistent use of colon separator');
      pos += 1;
    }
    if (comp < 3) {
      parts[comp] = int(s.slice(pos, pos + 2));
      pos += 2;
    } else if (comp === 3) {
      const frac = FRACTION.exec(s.slice(pos));
      if (!frac) continue;
      const digits = frac[1].slice(0, 6);
      parts[3] = Number(digits) * 10 ** (6 - digits.length);
      pos += frac[0].length;
    }
  }
  if (pos < s.length) throw valueError('Unused components in ISO string');
  if (parts[0] === 24 && (parts[1] !== 0 || parts[2] !== 0 || parts[3] !== 0)) {
    throw valueError('Hour may only be 24 at 24:00:00.000');
  }
  return parts;
}

function parseTz(s: string): FixedTz {
  if (s === 'Z' || s === 'z') return TZUTC;
  if (![3, 5, 6].includes(s.length)) throw valueError('Time zone offset must be 1, 3, 5 or 6 characters');
  let sign: number;
  if (s[0] === '-') sign = -1;
  else if (s[0] === '+') sign = 1;
  else throw valueError('Time zone offset requires sign');
  const hours = int(s.slice(1, 3));
  const minutes = s.length === 3 ? 0 : int(s.slice(s[3] === ':' ? 4 : 3));
  if (hours === 0 && minutes === 0) return TZUTC;
  if (minutes > 59) throw valueError('Invalid minutes in time zone offset');
  if (hours > 23) throw valueError('Invalid hours in time zone offset');
  return new FixedTz(sign * (hours * 60 + minutes) * 60 * 1e6, 'tzoffset');
}
