// Dict keys and set members: equal Python values (1, 1.0, True) must share one key, and values of
// different types must never collide, so every hashable value maps to a JavaScript Map key.
import { typeError } from '../errors.js';
import { PyFloat } from './number.js';
import { PyObject, type PyValue } from './object.js';
import { pyTypeName } from './type-name.js';

export type DictKey = string | number | bigint | null;

const ESCAPE = 0xffff;
const COMPLEX_PREFIX = '\uffff\u0000';

/** The Map key of a hashable value; throws Python's TypeError for unhashable ones. */
export function keyOf(value: PyValue): DictKey {
  switch (typeof value) {
    case 'string':
      return value.charCodeAt(0) === ESCAPE ? `\uffff${value}` : value;
    case 'number':
      return value + 0;
    case 'boolean':
      return value ? 1 : 0;
    case 'bigint':
      return value;
    default:
      if (value === null) return null;
      if (value instanceof PyFloat) return floatKey(value.value);
      if (value instanceof PyObject) {
        const key = value.hashKey();
        if (key !== null) return COMPLEX_PREFIX + key;
      }
      throw typeError(`unhashable type: '${pyTypeName(value)}'`);
  }
}

function floatKey(f: number): DictKey {
  if (Number.isInteger(f) && !Number.isSafeInteger(f)) return BigInt(f);
  return f + 0;
}

/** A string key for composite hashables (tuples, frozensets): the keys of their parts. */
export function compositeKey(tag: string, parts: readonly PyValue[]): string {
  let key = tag;
  for (const part of parts) {
    const k = keyOf(part);
    key += `${typeof k === 'string' ? `s${k.length}:${k}` : typeof k === 'bigint' ? `b${k}` : k === null ? 'n' : `f${k}`};`;
  }
  return key;
}
