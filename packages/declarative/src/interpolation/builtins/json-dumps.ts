// Python's json.dumps (default separators, ensure_ascii) as the CDK's `string` filter and Jinja's
// `tojson` use it.
import { typeError, valueError } from '../errors.js';
import { pyCompare } from '../values/compare.js';
import { PyTuple } from '../values/containers.js';
import { isDict, mappingEntries } from '../values/dict.js';
import { floatOf, floatRepr, intStr, numericKind } from '../values/number.js';
import type { PyValue } from '../values/object.js';
import { pyTypeName } from '../values/type-name.js';

export interface DumpOptions {
  sortKeys?: boolean;
  indent?: number | string | null;
  /** Python's `separators` (item, key): default `(', ', ': ')`, or `(',', ': ')` with an indent. */
  separators?: readonly [string, string];
}

function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function floatJson(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return floatRepr(x);
}

function keyText(key: PyValue): string {
  if (typeof key === 'string') return key;
  const kind = numericKind(key);
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (key === null) return 'null';
  if (kind === 1) return intStr(key as number | bigint);
  if (kind === 2) return floatJson(floatOf(key));
  throw typeError(`keys must be str, int, float, bool or None, not ${pyTypeName(key)}`);
}

export function jsonDumps(value: PyValue, options: DumpOptions = {}): string {
  const indent =
    options.indent === undefined || options.indent === null
      ? null
      : typeof options.indent === 'number'
        ? ' '.repeat(options.indent)
        : options.indent;
  const itemSeparator = options.separators?.[0] ?? (indent === null ? ', ' : ',');
  const keySeparator = options.separators?.[1] ?? ': ';
  const seen: object[] = [];
  const encode = (v: PyValue, level: number): string => {
    if (v === null) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (typeof v === 'string') return quote(v);
    const kind = numericKind(v);
    if (kind === 1) return intStr(v as number | bigint);
    if (kind === 2) return floatJson(floatOf(v));
    const isList = Array.isArray(v) || v instanceof PyTuple;
    if (!isList && !isDict(v)) throw typeError(`Object of type ${pyTypeName(v)} is not JSON serializable`);
    if (seen.includes(v as object)) throw valueError('Circular reference detected');
    seen.push(v as object);
    const newline = indent === null ? '' : `\n${indent.repeat(level + 1)}`;
    const closing = indent === null ? '' : `\n${indent.repeat(level)}`;
    let out: string;
    if (isList) {
      const items = Array.isArray(v) ? v : (v as PyTuple).items;
      out =
        items.length === 0 ? '[]' : `[${newline}${items.map((item) => encode(item, level + 1)).join(itemSeparator + newline)}${closing}]`;
    } else {
      let raw = mappingEntries(v as Parameters<typeof mappingEntries>[0]);
      // json.dumps sorts the original keys, so mixed key types raise TypeError as in Python.
      if (options.sortKeys) raw = [...raw].sort((a, b) => pyCompare(a[0], b[0]));
      const entries = raw.map(([k, val]) => [keyText(k), val] as const);
      out =
        entries.length === 0
          ? '{}'
          : `{${newline}${entries.map(([k, val]) => `${quote(k)}${keySeparator}${encode(val, level + 1)}`).join(itemSeparator + newline)}${closing}}`;
    }
    seen.pop();
    return out;
  };
  return encode(value, 0);
}
