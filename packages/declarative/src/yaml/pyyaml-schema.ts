/**
 * A js-yaml schema that types plain scalars exactly as PyYAML's `safe_load` does (YAML 1.1, the
 * regular expressions and constructors of PyYAML's `resolver.py` and `constructor.py`), which is
 * how the Python CDK reads a manifest. Where YAML 1.1 parsers disagree, PyYAML wins:
 *
 * - booleans are `yes/no/true/false/on/off` in three casings; `y` and `n` stay strings;
 * - a float needs a dot (`1.5`, `1.`, `.5`, `1.0e+5`): `1e5` and `-.5` stay strings, and an
 *   exponent needs its sign (`1.0e5` is a string);
 * - integers: `0b1010`, `0x1F`, `017` (octal), `1_000`, `1:30` (sexagesimal, 90); `09` is a string;
 * - timestamps need a two-digit month and day when no time is given (`2024-1-5` is a string);
 *   they become {@link YamlTimestamp}s; an impossible date (`2024-02-30`) is an error;
 * - a plain `=` is PyYAML's `value` tag, which `safe_load` cannot construct: an error.
 *
 * Quoted scalars are always strings. Merge keys (`<<`), `!!binary`, `!!set`, `!!omap` and
 * `!!pairs` are supported as `safe_load` supports them (`!!omap` and `!!pairs` give lists of
 * `[key, value]` pairs, as Python's tuples serialize).
 */
import { binaryTag, defineScalarTag, defineSequenceTag, mapTag, mergeTag, NOT_RESOLVED, Schema, seqTag, setTag, strTag } from 'js-yaml';
import { YamlTimestamp } from './yaml-timestamp.js';

const DIGITS = [...'0123456789'];

const TRUE_WORDS = new Set(['yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const boolTag = defineScalarTag<boolean>('tag:yaml.org,2002:bool', {
  implicit: true,
  implicitFirstChars: [...'yYnNtTfFoO'],
  resolve: (source) => (TRUE_WORDS.has(source) ? true : FALSE_WORDS.has(source) ? false : NOT_RESOLVED),
  identify: (value) => typeof value === 'boolean',
});

const nullTag = defineScalarTag<null>('tag:yaml.org,2002:null', {
  implicit: true,
  implicitFirstChars: ['~', 'n', 'N', ''],
  resolve: (source) =>
    source === '' || source === '~' || source === 'null' || source === 'Null' || source === 'NULL' ? null : NOT_RESOLVED,
  identify: (value) => value === null,
});

const FLOAT =
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

const floatTag = defineScalarTag<number>('tag:yaml.org,2002:float', {
  implicit: true,
  implicitFirstChars: [...'-+.', ...DIGITS],
  resolve: (source, isExplicit) => (FLOAT.test(source) || isExplicit ? constructFloat(source) : NOT_RESOLVED),
  identify: (value) => typeof value === 'number' && !Number.isInteger(value),
});

function constructFloat(source: string): number | typeof NOT_RESOLVED {
  let text = source.replaceAll('_', '').toLowerCase();
  const sign = text.startsWith('-') ? -1 : 1;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  if (text === '.inf') return sign * Number.POSITIVE_INFINITY;
  if (text === '.nan') return Number.NaN;
  if (text.includes(':')) return sign * sexagesimal(text.split(':').map(Number));
  const value = Number(text);
  return text === '' || Number.isNaN(value) ? NOT_RESOLVED : sign * value;
}

const INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;

const intTag = defineScalarTag<number>('tag:yaml.org,2002:int', {
  implicit: true,
  implicitFirstChars: [...'-+', ...DIGITS],
  resolve: (source, isExplicit) => (INT.test(source) || isExplicit ? constructInt(source) : NOT_RESOLVED),
  identify: (value) => Number.isInteger(value),
});

function constructInt(source: string): number | typeof NOT_RESOLVED {
  let text = source.replaceAll('_', '');
  const sign = text.startsWith('-') ? -1 : 1;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  let value: number;
  if (text === '0') return 0;
  if (text.startsWith('0b')) value = Number.parseInt(text.slice(2), 2);
  else if (text.startsWith('0x')) value = Number.parseInt(text.slice(2), 16);
  else if (text.startsWith('0')) value = Number.parseInt(text, 8);
  else if (text.includes(':')) value = sexagesimal(text.split(':').map(Number));
  else value = Number(text);
  return Number.isNaN(value) || text === '' ? NOT_RESOLVED : sign * value;
}

/** `[1, 30, 15]` (written `1:30:15`) → 5415: the last part counts ones, the one before sixties, … */
function sexagesimal(parts: number[]): number {
  return parts.reduce((total, part) => total * 60 + part, 0);
}

const TIMESTAMP =
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;
const TIMESTAMP_PARTS =
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?$/;

/** Thrown for a scalar PyYAML accepts as a timestamp but cannot construct (`2024-02-30`). */
export class YamlConstructError extends Error {}

const timestampTag = defineScalarTag<YamlTimestamp>('tag:yaml.org,2002:timestamp', {
  implicit: true,
  implicitFirstChars: DIGITS,
  resolve: (source, isExplicit) => (TIMESTAMP.test(source) || isExplicit ? constructTimestamp(source) : NOT_RESOLVED),
  identify: (value) => value instanceof YamlTimestamp,
});

function constructTimestamp(source: string): YamlTimestamp | typeof NOT_RESOLVED {
  const match = TIMESTAMP_PARTS.exec(source);
  if (match === null) return NOT_RESOLVED;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  checkDate(source, year, month, day);
  if (match[4] === undefined) return new YamlTimestamp('date', year, month, day);
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6])];
  if (hour > 23 || minute > 59 || second > 59) throw new YamlConstructError(`invalid time in the timestamp '${source}'`);
  const microsecond = Number((match[7] ?? '').slice(0, 6).padEnd(6, '0'));
  let offset: number | undefined;
  if (match[9] !== undefined) {
    const minutes = Number(match[10]) * 60 + Number(match[11] ?? 0);
    offset = match[9] === '-' ? -minutes : minutes;
  } else if (match[8] === 'Z') {
    offset = 0;
  }
  return new YamlTimestamp('datetime', year, month, day, hour, minute, second, microsecond, offset);
}

function checkDate(source: string, year: number, month: number, day: number): void {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1) {
    throw new YamlConstructError(`invalid date in the timestamp '${source}'`);
  }
}

/** PyYAML resolves a plain `=` to the `value` tag, for which `safe_load` has no constructor. */
const valueTag = defineScalarTag<never>('tag:yaml.org,2002:value', {
  implicit: true,
  implicitFirstChars: ['='],
  resolve: (source) => {
    if (source !== '=') return NOT_RESOLVED;
    throw new YamlConstructError("could not determine a constructor for the tag 'tag:yaml.org,2002:value' (quote the '=')");
  },
  identify: () => false,
});

/** `!!omap` and `!!pairs`: PyYAML builds a list of (key, value) tuples, which serialize as pairs. */
function pairsLikeTag(tagName: string) {
  return defineSequenceTag<Array<[string, unknown]>>(tagName, {
    create: () => [],
    addItem: (pairs, item) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return `expected a mapping of length 1 in ${tagName}`;
      const entries = Object.entries(item);
      if (entries.length !== 1) return `expected a single mapping item in ${tagName}`;
      pairs.push(entries[0] as [string, unknown]);
      return undefined;
    },
    identify: () => false,
  });
}

/** The tags in PyYAML's resolver order: bool, float, int, merge, null, timestamp, value. */
export const PYYAML_SAFE_SCHEMA = new Schema([
  strTag,
  seqTag,
  mapTag,
  boolTag,
  floatTag,
  intTag,
  mergeTag,
  nullTag,
  timestampTag,
  valueTag,
  binaryTag,
  setTag,
  pairsLikeTag('tag:yaml.org,2002:omap'),
  pairsLikeTag('tag:yaml.org,2002:pairs'),
]);
