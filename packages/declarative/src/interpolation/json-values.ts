// Between JSON and engine values: contexts written as JSON the way the corpus writes them (typed
// values marked with __type__), JSON text parsed with Python's json.loads types (1 vs 1.0, big
// ints exact), JS values checked into engine values, and engine values back to plain JSON.

import { PyDate, PyDuration, PyTimeDelta } from './datetime/model.js';
import { PyTzInfo } from './datetime/timezone.js';
import { typeError, valueError } from './errors.js';
import { CaseInsensitiveDict } from './values/case-insensitive-dict.js';
import { PyBytes, PyComplex, PySet, PyTuple } from './values/containers.js';
import { isMapping, mappingEntries, PyDict, type PyMapping } from './values/dict.js';
import { PyDictView, PyIterator } from './values/iterator.js';
import { floatOf, normBig, PyFloat } from './values/number.js';
import { type PlainDict, PyObject, type PyValue } from './values/object.js';
import { pyStr } from './values/repr.js';
import { StreamSlice } from './values/stream-slice.js';
import { Undefined } from './values/undefined.js';

/** A JSON value, as manifests and states hold them. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const INTEGER_KEY = /^(?:0|[1-9]\d*)$/;
const MAX_JSON_DEPTH = 1000;

function setKey(target: PlainDict, key: string, value: PyValue): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

/** JSON text parsed as Python's json.loads types it: 1 is an int, 1.0 a float, big ints stay exact, key order is kept. */
export function parseJsonText(text: string): PyValue {
  return new JsonTextParser(text).parse();
}

const LITERAL_WORDS: readonly (readonly [string, () => PyValue])[] = [
  ['true', () => true],
  ['false', () => false],
  ['null', () => null],
  ['NaN', () => new PyFloat(Number.NaN)],
  ['Infinity', () => new PyFloat(Infinity)],
  ['-Infinity', () => new PyFloat(-Infinity)],
];
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not contain raw control characters
const STRING = /"((?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"/y;

class JsonTextParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): PyValue {
    const value = this.value(0);
    this.skip();
    if (this.pos < this.text.length) this.fail('Extra data');
    return value;
  }

  private fail(what: string): never {
    throw valueError(`${what}: line 1 column ${this.pos + 1} (char ${this.pos})`);
  }

  private skip(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos])) this.pos++;
  }

  private value(depth: number): PyValue {
    if (depth > MAX_JSON_DEPTH) this.fail('JSON nested too deeply');
    this.skip();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    for (const [word, make] of LITERAL_WORDS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return make();
      }
    }
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number === null) return this.fail('Expecting value');
    this.pos += number[0].length;
    if (number[1] !== undefined || number[2] !== undefined) return new PyFloat(Number(number[0]));
    return normBig(BigInt(number[0]));
  }

  private string(): string {
    STRING.lastIndex = this.pos;
    const m = STRING.exec(this.text);
    if (m === null) return this.fail('Invalid string');
    this.pos += m[0].length;
    return JSON.parse(m[0]) as string;
  }

  /** Calls `item` for each comma-separated member until `close`. */
  private members(close: string, item: () => void): void {
    this.pos++;
    this.skip();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      item();
      this.skip();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] === close) {
        this.pos++;
        return;
      } else this.fail("Expecting ',' delimiter");
    }
  }

  private array(depth: number): PyValue[] {
    const items: PyValue[] = [];
    this.members(']', () => items.push(this.value(depth + 1)));
    return items;
  }

  private object(depth: number): PlainDict | PyDict {
    const entries: [string, PyValue][] = [];
    this.members('}', () => {
      this.skip();
      if (this.text[this.pos] !== '"') this.fail('Expecting property name enclosed in double quotes');
      const key = this.string();
      this.skip();
      if (this.text[this.pos] !== ':') this.fail("Expecting ':' delimiter");
      this.pos++;
      entries.push([key, this.value(depth + 1)]);
    });
    if (entries.some(([key]) => INTEGER_KEY.test(key))) {
      const dict = new PyDict();
      for (const [key, value] of entries) dict.set(key, value);
      return dict;
    }
    const out: PlainDict = {};
    for (const [key, value] of entries) setKey(out, key, value);
    return out;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A JavaScript value (as JSON.parse or a config loader gives) checked into an engine value:
 * numbers that are whole are ints, others floats; objects must be plain; `undefined` members are
 * dropped. Values are shared, not copied.
 */
export function fromJsonValue(value: unknown, depth = 0): PyValue {
  if (depth > MAX_JSON_DEPTH) throw valueError('value nested too deeply');
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return value;
    case 'number':
      return value;
    case 'object': {
      if (value === null || value instanceof PyObject) return value as PyValue;
      if (Array.isArray(value)) {
        for (const item of value) fromJsonValue(item, depth + 1);
        return value as PyValue[];
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw typeError(`cannot use a ${proto?.constructor?.name ?? 'non-plain'} object as a template value`);
      for (const key of Object.keys(value)) {
        const member = (value as Record<string, unknown>)[key];
        if (member === undefined) delete (value as Record<string, unknown>)[key];
        else fromJsonValue(member, depth + 1);
      }
      return value as PlainDict;
    }
    default:
      throw typeError(`cannot use a JavaScript ${typeof value} as a template value`);
  }
}

function typedValue(value: unknown, depth: number): PyValue {
  if (Array.isArray(value)) return value.map((item) => typedValue(item, depth + 1));
  if (!isRecord(value) || value instanceof PyObject) return fromJsonValue(value, depth);
  const type = value.__type__;
  if (type === 'StreamSlice') {
    const mapping = (v: unknown) => {
      const converted = v === undefined || v === null ? {} : typedValue(v, depth + 1);
      if (!isMapping(converted)) throw typeError('StreamSlice parts must be objects');
      return converted as PlainDict | PyMapping;
    };
    return new StreamSlice(
      mapping(value.partition),
      mapping(value.cursor_slice),
      value.extra_fields === undefined ? null : mapping(value.extra_fields),
    );
  }
  if (type === 'CaseInsensitiveDict') {
    const items = typedValue(value.items ?? {}, depth + 1);
    if (!isMapping(items)) throw typeError('CaseInsensitiveDict items must be an object');
    return new CaseInsensitiveDict(mappingEntries(items).map(([k, v]) => [String(k), v] as [string, PyValue]));
  }
  if (type !== undefined) throw valueError(`unknown __type__ ${JSON.stringify(type)} in a context`);
  if (value instanceof PyDict) return value;
  const out: PlainDict = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) setKey(out, key, typedValue(member, depth + 1));
  return out;
}

/**
 * A context written as JSON the way the corpus writes it — `{"config": ..., "stream_slice":
 * {"__type__": "StreamSlice", "partition": ..., "cursor_slice": ..., "extra_fields": ...},
 * "headers": {"__type__": "CaseInsensitiveDict", "items": ...}}` — as a context for interpolate().
 * Pass JSON text to keep Python's int/float distinction and exact big ints.
 */
export function contextFromJson(json: string | Record<string, unknown>): PlainDict {
  const parsed = typeof json === 'string' ? parseJsonText(json) : json;
  const context = typedValue(parsed, 0);
  if (!isRecord(context) || context instanceof PyObject) throw typeError('a context must be a JSON object');
  return context as PlainDict;
}

/**
 * An engine value as plain JSON for requests and records: floats and ints become numbers (ints
 * beyond 2^53 lose precision), tuples and sets arrays, mappings objects (keys as json.dumps
 * writes them), dates and durations their str(), Undefined null.
 */
export function toJsonValue(value: PyValue): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return value;
    case 'bigint':
      return Number(value);
    default:
      if (value === null || value instanceof Undefined) return null;
      if (Array.isArray(value)) return value.map(toJsonValue);
      if (value instanceof PyFloat) return floatOf(value);
      if (value instanceof PyTuple) return value.items.map(toJsonValue);
      if (value instanceof PySet) return value.ordered().map(toJsonValue);
      if (value instanceof PyDictView || value instanceof PyIterator)
        return (value instanceof PyIterator ? value.consume() : value.items()).map(toJsonValue);
      if (isMapping(value)) {
        const out: { [key: string]: JsonValue } = {};
        for (const [key, member] of mappingEntries(value)) {
          const name = typeof key === 'string' ? key : key === null ? 'null' : typeof key === 'boolean' ? String(key) : pyStr(key);
          Object.defineProperty(out, name, { value: toJsonValue(member), writable: true, enumerable: true, configurable: true });
        }
        return out;
      }
      if (value instanceof PyBytes) return Buffer.from(value.bytes).toString('utf8');
      if (
        value instanceof PyDate ||
        value instanceof PyTimeDelta ||
        value instanceof PyDuration ||
        value instanceof PyTzInfo ||
        value instanceof PyComplex
      ) {
        return pyStr(value);
      }
      return pyStr(value);
  }
}
