// The CDK's combine_mappings: request options from several components merged into one; a key
// given twice is an error, except in JSON bodies where nested objects merge and the same value
// may repeat.
import { ConnectorError } from '@tributary/cdk';
import type { RequestValues } from './request-option.js';

function isObject(value: unknown): value is RequestValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(target: RequestValues, source: RequestValues, path: string[], allowSameValue: boolean): void {
  for (const key of Object.keys(source)) {
    const currentPath = [...path, key];
    const value = source[key];
    if (!Object.hasOwn(target, key)) {
      Object.defineProperty(target, key, { value: structuredClone(value), writable: true, enumerable: true, configurable: true });
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
