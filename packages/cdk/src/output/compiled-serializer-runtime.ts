/**
 * Run-time helpers shared by every serializer that `compileSerializer` generates. Each one
 * reproduces one step of ECMA-262 `SerializeJSONProperty` exactly, so the generated code can
 * hand any value it has no fast path for to these functions without changing the result.
 */

/** `JSON.stringify` as it was when this module loaded; the reference every output must equal. */
export const stringify = JSON.stringify;

/**
 * Matches exactly the strings `JSON.stringify` writes as `"` + the string + `"`: no control
 * characters, `"`, `\` or surrogate code units. Paired surrogates (emoji) would need no escaping
 * either, but excluding every surrogate keeps this a single character class; such strings take
 * the exact `JSON.stringify` route. (An anchored negated class is faster in V8 than searching
 * for the first character that needs escaping.)
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON must escape.
export const JSON_SAFE = /^[^\u0000-\u001f"\\\ud800-\udfff]*$/;

/** JSON text of a string, identical to `JSON.stringify(s)`. */
export function quote(s: string): string {
  return JSON_SAFE.test(s) ? `"${s}"` : stringify(s);
}

type ToJSON = (this: unknown, key: string) => unknown;

/**
 * `SerializeJSONProperty(key, holder)` for any value: JSON text, or `undefined` when the value
 * is omitted (undefined, functions, symbols, or a `toJSON` that returns one of those). BigInts
 * without a `toJSON` throw the same TypeError as `JSON.stringify`. `key` is the property name or
 * array index the value was read from; it matters only for `toJSON(key)`.
 */
export function serializeValue(v: unknown, key: string | number): string | undefined {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      return Number.isFinite(v) ? `${v}` : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
    case 'symbol':
      return undefined;
    default: {
      // object (or null), function, bigint: the only kinds `JSON.stringify` asks for `toJSON`.
      if (v === null) return 'null';
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === 'function') return applyToJSON(v, key, toJSON as ToJSON);
      // No toJSON on `v` itself, so its key is irrelevant: the native path is exact
      // (objects, arrays, boxed primitives, cycles -> TypeError, BigInt -> TypeError, functions -> undefined).
      return stringify(v as object);
    }
  }
}

/**
 * Calls `toJSON` the way `JSON.stringify` does (with the property key as a string) and
 * serializes its result without looking up `toJSON` on the result again, as the spec requires.
 */
export function applyToJSON(v: unknown, key: string | number, toJSON: ToJSON): string | undefined {
  const r = toJSON.call(v, typeof key === 'string' ? key : `${key}`);
  if (r === null || (typeof r !== 'object' && typeof r !== 'function' && typeof r !== 'bigint')) {
    // Primitives other than BigInt never get a toJSON lookup, so the native path is exact.
    return stringify(r);
  }
  // A replacer runs after the toJSON step and its return value is not asked for toJSON again:
  // substituting `r` at the root serializes it exactly as `JSON.stringify` serializes a toJSON
  // result, while the identity replacer leaves every nested value untouched.
  let root = true;
  return stringify(null, (_key: string, value: unknown) => {
    if (root) {
      root = false;
      return r;
    }
    return value;
  });
}
