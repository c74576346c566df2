// The usual template of a record transformation, text around `{{ name }}` and
// `{{ name['key']['key'] }}` lookups (`{{ config['label'] }}-{{ record['id'] }}`), rendered without
// the interpreter: when every value it reads is in a plain dict of the context and is a string,
// bool, None or int, the text is the one the interpreter prints (Python's str() of those values).
// Anything else (a name or key that is absent, a float, a dict, a list...) gives NOT_PLAIN and the
// interpreter renders the template, with Jinja's rules for every other case.
import { isPlainDict } from '../values/dict.js';
import type { PlainDict } from '../values/object.js';
import type { Expr, Stmt } from './ast.js';

export const NOT_PLAIN: unique symbol = Symbol('not plain');

interface Lookup {
  readonly name: string;
  readonly keys: readonly string[];
}

export type PlainRender = (context: PlainDict) => string | typeof NOT_PLAIN;

/** The fast renderer of a template of text and plain lookups only; null for any other template. */
export function compilePlainLookups(body: readonly Stmt[]): PlainRender | null {
  const only = body.length === 1 ? body[0] : undefined;
  if (only?.kind !== 'output') return null;
  const parts: (string | Lookup)[] = [];
  for (const node of only.nodes) {
    const part = typeof node === 'string' ? node : lookupOf(node);
    if (part === null) return null;
    parts.push(part);
  }
  if (!parts.some((part) => typeof part !== 'string')) return null;
  return (context) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        out += part;
        continue;
      }
      const text = printed(valueAt(context, part));
      if (text === null) return NOT_PLAIN;
      out += text;
    }
    return out;
  };
}

function lookupOf(node: Expr): Lookup | null {
  const keys: string[] = [];
  let current = node;
  while (current.kind === 'getitem') {
    if (current.arg.kind !== 'const' || typeof current.arg.value !== 'string') return null;
    keys.unshift(current.arg.value);
    current = current.node;
  }
  return current.kind === 'name' ? { name: current.name, keys } : null;
}

function valueAt(context: PlainDict, lookup: Lookup): unknown {
  if (!Object.hasOwn(context, lookup.name)) return NOT_PLAIN;
  let value: unknown = context[lookup.name];
  for (const key of lookup.keys) {
    if (value === undefined || !isPlainDict(value as PlainDict) || !Object.hasOwn(value as PlainDict, key)) return NOT_PLAIN;
    value = (value as PlainDict)[key];
  }
  return value;
}

/** Python's str() of the values it prints the same way; null for any other value. */
function printed(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return value === null ? 'None' : null;
}
