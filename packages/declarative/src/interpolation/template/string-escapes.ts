// Python's "unicode-escape" decoding, which Jinja applies to string literals in templates.
import { syntaxError } from '../errors.js';

const SIMPLE: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

export function decodeUnicodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '\\') {
      out += ch;
      i++;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) throw syntaxError('\\ at end of string');
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i += 2;
    } else if (next >= '0' && next <= '7') {
      const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCodePoint(Number.parseInt(octal, 8));
      i += 1 + octal.length;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const digits = text.slice(i + 2, i + 2 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) {
        throw syntaxError(`truncated \\${next === 'x' ? 'xXX' : next === 'u' ? 'uXXXX' : 'UXXXXXXXX'} escape`);
      }
      const code = Number.parseInt(digits, 16);
      if (code > 0x10ffff) throw syntaxError('illegal Unicode character');
      out += String.fromCodePoint(code);
      i += 2 + width;
    } else if (next === 'N') {
      throw syntaxError('named Unicode escapes (\\N{...}) are not supported by Tributary');
    } else {
      out += `\\${next}`;
      i += 2;
    }
  }
  return out;
}
