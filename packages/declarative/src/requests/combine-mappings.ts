// The CDK's combine_mappings: request options from several components merged into one; a key
// given twice is an error, except in JSON bodies where nested objects merge and the same value
// may repeat.
import { ConnectorError } from '@tributary/cdk';
import type { RequestValues } from './request-option.js';

/** A mapping of request values (a plain object); engine values such as floats or dates are leaves. */
function isObject(value: unknown): value is RequestValues {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A copy of the nested mappings and lists of a value (Python's deepcopy of what merging may change). */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (!isObject(value)) return value;
  const out: RequestValues = {};
  for (const key of Object.keys(value)) define(out, key, copyOf(value[key]));
  return out;
}

function define(target: RequestValues, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
}

function merge(target: RequestValues, source: RequestValues, path: string[], allowSameValue: boolean): void {
  for (const key of Object.keys(source)) {
    const currentPath = [...path, key];
    const value = source[key];
    if (!Object.hasOwn(target, key)) {
      define(target, key, copyOf(value));
      continue;
    }
    const existing = target[key];
    if (isObject(existing) && isObject(value) && allowSameValue) merge(existing, value, currentPath, allowSameValue);
    else if (!allowSameValue || JSON.stringify(existing) !== JSON.stringify(value) || isObject(existing) !== isObject(value)) {
      throw ConnectorError.config(
        `Request body collision, duplicate keys detected at key path: ${currentPath.join('.')}. Please ensure that all keys in the request are unique.`,
      );
    }
  }
}

/** Merges mappings (a string body may stand alone: it cannot be combined with other options). */
export function combineMappings(
  mappings: readonly (RequestValues | string | null | undefined)[],
  allowSameValue = false,
): RequestValues | string {
  const strings = mappings.filter((m): m is string => typeof m === 'string');
  if (strings.length > 1) throw ConnectorError.config('Cannot combine multiple string options');
  const nonEmpty = mappings.filter((m) => m !== null && m !== undefined && !(isObject(m) && Object.keys(m).length === 0));
  if (strings.length === 1) {
    if (nonEmpty.length > 1) throw ConnectorError.config('Cannot combine multiple options if one is a string');
    return strings[0];
  }
  const result: RequestValues = {};
  for (const mapping of nonEmpty) merge(result, mapping as RequestValues, [], allowSameValue);
  return result;
}
