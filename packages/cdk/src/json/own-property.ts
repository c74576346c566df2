/**
 * Reading and writing keys of user data (config, state, records) safely. Such keys may be named
 * like built-in object members (`constructor`, `toString`, `__proto__`): a plain `obj[key]`
 * then reads the inherited member when the key is absent, and `obj['__proto__'] = v` replaces
 * the prototype instead of storing a key. `JSON.parse` itself creates `__proto__` as an own key.
 */

/** The value of `key` only when it is `object`'s own property. */
export function ownValue(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/** Stores `value` under `key` as an own property, `__proto__` included. */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
