// The Python CDK's TypeTransformer.default_convert on JSON values: str(), float(), int() and
// bool() with Python's rules, and a scalar wrapped into a list for an array of simple items. A
// conversion that Python's int()/float() would refuse leaves the value as it is.

import { truthy } from '../interpolation/values/compare.js';
import { parseFloatText, parseIntText } from '../interpolation/values/number.js';
import type { PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';

export type JsonSchemaNode = Record<string, unknown>;

const SIMPLE_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const TRUTHY = new Set(['y', 'yes', 't', 'true', 'on', '1']);
const FALSY = new Set(['n', 'no', 'f', 'false', 'off', '0']);

/** `"null" in target_type`: list membership, or a substring test when the type is one string. */
function mentionsNull(type: unknown): boolean {
  if (Array.isArray(type)) return type.includes('null');
  return typeof type === 'string' && type.includes('null');
}

export function defaultConvert(value: unknown, schema: JsonSchemaNode): unknown {
  const type = schema.type ?? [];
  if (value === null && mentionsNull(type)) return null;
  let target: unknown = type;
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== 'null');
    if (rest.length !== 1) return value;
    target = rest[0];
  }
  switch (target) {
    case 'string':
      return pyStr(value as PyValue);
    case 'number':
      return toFloat(value);
    case 'integer':
      return toInt(value);
    case 'boolean':
      return toBool(value);
    case 'array':
      return wrapScalar(value, schema);
    default:
      return value;
  }
}

function toFloat(value: unknown): unknown {
  let result: number | undefined;
  if (typeof value === 'number') result = value;
  else if (typeof value === 'boolean') result = value ? 1 : 0;
  else if (typeof value === 'string') result = tryParse(() => parseFloatText(value));
  return result !== undefined && Number.isFinite(result) ? result : value;
}

function toInt(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) || 0 : value;
  if (typeof value !== 'string') return value;
  const parsed = tryParse(() => parseIntText(value, 10));
  return typeof parsed === 'number' ? parsed : value;
}

function toBool(value: unknown): unknown {
  if (typeof value !== 'string') return truthy(value as PyValue);
  const text = value.toLowerCase().trim();
  if (TRUTHY.has(text)) return true;
  if (FALSY.has(text)) return false;
  return value;
}

function wrapScalar(value: unknown, schema: JsonSchemaNode): unknown {
  const items = schema.items ?? {};
  if (typeof items !== 'object' || items === null || Array.isArray(items)) return value;
  const itemType = (items as JsonSchemaNode).type;
  const itemTypes = typeof itemType === 'string' ? [...itemType] : Array.isArray(itemType) ? itemType : [];
  const simpleItems = itemTypes.every((t) => SIMPLE_TYPES.has(String(t)));
  const scalar = value === null || typeof value !== 'object';
  return simpleItems && scalar ? [value] : value;
}

function tryParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
