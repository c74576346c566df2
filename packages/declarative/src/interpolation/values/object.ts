// The engine's value model. Python values map onto JavaScript values so that JSON data (configs,
// responses, records) is used as is, without conversion on the hot path:
//
//   None -> null           bool -> boolean        str -> string (Python indexes by code point)
//   int  -> integral number within ±(2^53 - 1), else bigint (Python ints are unbounded)
//   float -> PyFloat, or a non-integral number (1.5 from JSON.parse is a float)
//   list -> array          dict -> plain object (string keys) or PyDict (any hashable key, order kept)
//   everything else (tuple, set, bytes, datetime, Undefined, callables, ...) -> a PyObject subclass
//
// JavaScript properties are never reached through these values: plain objects are read with
// Object.hasOwn only, and every PyObject exposes attributes through explicit tables.

export const MISSING: unique symbol = Symbol('missing');
export type Missing = typeof MISSING;

export const NOT_IMPLEMENTED: unique symbol = Symbol('NotImplemented');
export type NotImplemented = typeof NOT_IMPLEMENTED;

/** A dict with string keys, the shape of JSON objects in templates. */
export interface PlainDict {
  [key: string]: PyValue;
}

/** Any value a template can hold, with Python's semantics. */
export type PyValue = null | boolean | number | bigint | string | PyValue[] | PlainDict | PyObject;

/** Positional and keyword arguments of a call. */
export interface CallArgs {
  readonly args: readonly PyValue[];
  readonly kwargs: ReadonlyMap<string, PyValue> | null;
}

/** Renders a nested value (passed to PyObject.repr so value classes need not import repr.ts). */
export type ReprFn = (value: PyValue) => string;

/** Base of every value that is not a JavaScript primitive, array or plain object. */
export abstract class PyObject {
  /** Python's `type(x).__name__`. */
  abstract get pyType(): string;

  /** Jinja's `object_type_repr`: the type name qualified by its module unless it is a builtin. */
  get pyQualType(): string {
    return this.pyType;
  }

  /**
   * Python's `repr(x)`; `recur` formats nested values so cycles and limits are handled in one
   * place.
   */
  abstract repr(recur: ReprFn): string;

  /** Python's `str(x)`, which is `repr(x)` unless a type says otherwise. */
  str(recur: ReprFn): string {
    return this.repr(recur);
  }

  /** Python's `bool(x)`: objects are true unless a type says otherwise. */
  truthy(): boolean {
    return true;
  }

  /** `self == other`, or NOT_IMPLEMENTED to let the other side (then identity) decide. */
  equals(_other: PyValue): boolean | NotImplemented {
    return NOT_IMPLEMENTED;
  }

  /** Ordering against `other` (negative, 0, positive), or NOT_IMPLEMENTED when not orderable. */
  compare(_other: PyValue): number | NotImplemented {
    return NOT_IMPLEMENTED;
  }

  /** A Python attribute of a host object (loop, namespace, cycler...), or MISSING. */
  attribute(_name: string): PyValue | Missing {
    return MISSING;
  }

  /** A key equal for equal values (dict keys, sets), or null when the value is unhashable. */
  hashKey(): string | null {
    return null;
  }
}
