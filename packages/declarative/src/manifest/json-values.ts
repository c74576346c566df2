/** A YAML/JSON mapping as loaded: a plain object with string keys. */
export type JsonMapping = Record<string, unknown>;

/**
 * True for a plain mapping, false for lists, scalars and typed values such as a YAML timestamp
 * or `!!binary` bytes (which the manifest passes through untouched, as Python's dict checks do).
 */
export function isMapping(value: unknown): value is JsonMapping {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Python's truthiness of a loaded value: `None`, `False`, `0`, `''`, `[]` and `{}` are false. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}

/** A deep copy of loaded data (mappings and lists; other values are immutable or kept as they are). */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (isMapping(value)) {
    const copy: JsonMapping = {};
    for (const key of Object.keys(value)) copy[key] = deepCopy(value[key]);
    return copy as T;
  }
  return value;
}
