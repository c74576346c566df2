// Python `re` patterns and replacement templates, translated to JavaScript RegExp: named groups
// (?P<n>...), (?P=n), \A \Z, Python's `$` (end or before a final newline), inline flags, Unicode
// \d \w \s, and Python's escapes. Constructs JavaScript cannot express raise Python's re.error.
import { PythonError } from '../errors.js';

const SYNTAX = '^$\\.*+?()[]{}|/';
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const CLASS_ESCAPES: Record<string, string> = {
  d: '\\p{Nd}',
  w: '\\p{L}\\p{N}_',
  s: PY_SPACE,
};

function reError(message: string): PythonError {
  return new PythonError('error', message);
}

interface Translated {
  source: string;
  flags: string;
}

function leadingFlags(pattern: string): [string, string] {
  let flags = '';
  let rest = pattern;
  for (let m = /^\(\?([aiLmsux]+)\)/.exec(rest); m !== null; m = /^\(\?([aiLmsux]+)\)/.exec(rest)) {
    flags += m[1];
    rest = rest.slice(m[0].length);
  }
  return [flags, rest];
}

function stripVerbose(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      out += ch + (pattern[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
    } else if (ch === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

function translateEscape(next: string, inClass: boolean): string {
  if (next in CLASS_ESCAPES) return inClass ? CLASS_ESCAPES[next] : `[${CLASS_ESCAPES[next]}]`;
  if (next === 'D' || next === 'W' || next === 'S') {
    const positive = CLASS_ESCAPES[next.toLowerCase()];
    if (inClass) throw reError(`bad escape \\${next} inside a character class (not supported by Tributary)`);
    return `[^${positive}]`;
  }
  if ('btnrfv0'.includes(next) || /\d/.test(next)) return `\\${next}`;
  if (next === 'A') return inClass ? 'A' : '^';
  if (next === 'Z') return inClass ? 'Z' : '$';
  if (next === 'B') return '\\B';
  if (next === 'x' || next === 'u' || next === 'U' || next === 'N') return `\\${next}`;
  if (SYNTAX.includes(next) || (inClass && next === '-')) return `\\${next}`;
  if (/[a-zA-Z]/.test(next)) throw reError(`bad escape \\${next}`);
  return `\\u{${next.codePointAt(0)!.toString(16)}}`;
}

function translateBody(pattern: string, multiline: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw reError('bad escape (end of pattern)');
      if (next === 'U') {
        out += `\\u{${pattern.slice(i + 2, i + 10).replace(/^0+(?=.)/, '')}}`;
        i += 9;
        continue;
      }
      out += translateEscape(next, inClass);
      i++;
    } else if (inClass) {
      if (ch === ']' && !/\[\^?$/.test(out)) inClass = false;
      else if (ch === '[') {
        out += '\\[';
        continue;
      }
      out += ch;
    } else if (ch === '[') {
      inClass = true;
      out += ch;
      if (pattern[i + 1] === '^') out += pattern[++i];
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
    } else if (ch === '(' && pattern[i + 1] === '?') {
      out += translateGroup(pattern, i);
      i += groupPrefixLength(pattern, i) - 1;
    } else if (ch === '$') {
      out += multiline ? '$' : '(?=\\n?$)';
    } else if (ch === '{' && !/^\{\d*(,\d*)?\}/.test(pattern.slice(i))) {
      out += '\\{';
    } else if (ch === '}' && !/\{\d*(,\d*)?$/.test(out)) {
      out += '\\}';
    } else if ((ch === '+' || ch === '*' || ch === '?' || ch === '}') && pattern[i + 1] === '+') {
      throw reError('possessive quantifiers are not supported by Tributary');
    } else out += ch;
  }
  if (inClass) throw reError('unterminated character set');
  return out;
}

function groupPrefixLength(pattern: string, i: number): number {
  const rest = pattern.slice(i);
  const named = /^\(\?P<[^>]*>/.exec(rest) ?? /^\(\?P=[^)]*\)/.exec(rest);
  if (named) return named[0].length;
  return 3;
}

function translateGroup(pattern: string, i: number): string {
  const rest = pattern.slice(i);
  const named = /^\(\?P<([^>]*)>/.exec(rest);
  if (named) return `(?<${named[1]}>`;
  const backref = /^\(\?P=([^)]*)\)/.exec(rest);
  if (backref) return `\\k<${backref[1]}>`;
  const kind = rest[2];
  if (kind === ':' || kind === '=' || kind === '!') return `(?${kind}`;
  if (kind === '<' && (rest[3] === '=' || rest[3] === '!')) return '(?<';
  if (kind === '#') throw reError('comments in patterns are not supported by Tributary');
  throw reError(`unsupported group construct (?${kind} (not supported by Tributary)`);
}

export function translatePattern(pattern: string): Translated {
  const [inline, rest] = leadingFlags(pattern);
  const body = inline.includes('x') ? stripVerbose(rest) : rest;
  let flags = 'u';
  if (inline.includes('i')) flags += 'i';
  if (inline.includes('m')) flags += 'm';
  if (inline.includes('s')) flags += 's';
  return { source: translateBody(body, inline.includes('m')), flags };
}

const cache = new Map<string, RegExp>();

/** Compiles a Python pattern (cached); `global` for re.sub-style scans. */
export function compilePython(pattern: string, global = false): RegExp {
  const key = `${global ? 'g' : ''}:${pattern}`;
  let regex = cache.get(key);
  if (regex === undefined) {
    const { source, flags } = translatePattern(pattern);
    try {
      regex = new RegExp(source, global ? `${flags}g` : flags);
    } catch (error) {
      throw reError(error instanceof Error ? error.message : String(error));
    }
    if (cache.size > 512) cache.clear();
    cache.set(key, regex);
  }
  regex.lastIndex = 0;
  return regex;
}

/** Expands a Python re.sub replacement template (\1, \g<1>, \g<name>, escapes) for one match. */
export function expandReplacement(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = template[i + 1];
    if (next === undefined) throw reError('bad escape (end of pattern)');
    const group = /^g<([^>]*)>/.exec(template.slice(i + 1));
    if (group) {
      const ref = group[1];
      const value = /^\d+$/.test(ref) ? match[Number(ref)] : match.groups?.[ref];
      if (/^\d+$/.test(ref) ? Number(ref) >= match.length : !(match.groups && ref in match.groups)) {
        throw reError(/^\d+$/.test(ref) ? `invalid group reference ${ref}` : `unknown group name '${ref}'`);
      }
      out += value ?? '';
      i += group[0].length;
      continue;
    }
    const digits = /^\d{1,2}/.exec(template.slice(i + 1));
    if (digits) {
      const n = Number(digits[0]);
      if (n >= match.length) throw reError(`invalid group reference ${n}`);
      out += match[n] ?? '';
      i += digits[0].length;
      continue;
    }
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
    if (next in simple) out += simple[next];
    else if (/[a-zA-Z]/.test(next)) throw reError(`bad escape \\${next}`);
    else out += `\\${next}`;
    i++;
  }
  return out;
}
