// Python's repr() and str() of engine values.
import { dictRepr, PyMapping } from './dict.js';
import { floatRepr, intStr } from './number.js';
import { PyObject, type PyValue } from './object.js';

const PLAIN_ASCII = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

/** repr() of a str, with CPython's choice of quotes and escapes. */
export function strRepr(text: string): string {
  if (PLAIN_ASCII.test(text)) return `'${text}'`;
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code < 0x7f) out += ch;
    else if (code !== 0x20 && NON_PRINTABLE.test(ch)) {
      out += code < 0x100 ? `\\x${hex(code, 2)}` : code < 0x10000 ? `\\u${hex(code, 4)}` : `\\U${hex(code, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Containers being printed, so a list that contains itself prints as `[...]`, as in Python. */
const printing: object[] = [];

function guarded(container: object, placeholder: string, render: () => string): string {
  if (printing.includes(container)) return placeholder;
  printing.push(container);
  try {
    return render();
  } finally {
    printing.pop();
  }
}

export function pyRepr(value: PyValue): string {
  switch (typeof value) {
    case 'string':
      return strRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
      return Number.isInteger(value) ? String(value) : floatRepr(value);
    case 'bigint':
      return intStr(value);
    default:
      if (value === null) return 'None';
      if (Array.isArray(value)) return guarded(value, '[...]', () => `[${value.map(pyRepr).join(', ')}]`);
      if (value instanceof PyObject) {
        if (value instanceof PyMapping) return guarded(value, '{...}', () => value.repr(pyRepr));
        return value.repr(pyRepr);
      }
      return guarded(value, '{...}', () => dictRepr(Object.entries(value), pyRepr));
  }
}

/** str(value): what `{{ value }}` renders. */
export function pyStr(value: PyValue): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isInteger(value) ? String(value) : floatRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'bigint':
      return intStr(value);
    default:
      if (value === null) return 'None';
      if (value instanceof PyObject) return value.str(pyRepr);
      return pyRepr(value);
  }
}
