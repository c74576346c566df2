// Jinja's lexer with the default delimiters ({{ }}, {% %}, {# #}), whitespace control (- and +),
// {% raw %} blocks, bracket balancing inside tags, and Python-style string literals.
import { syntaxError } from '../errors.js';
import { decodeUnicodeEscapes } from './string-escapes.js';

export type TokenType =
  | 'data'
  | 'variable_begin'
  | 'variable_end'
  | 'block_begin'
  | 'block_end'
  | 'name'
  | 'string'
  | 'integer'
  | 'float'
  | 'operator'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  /** Operators and names: their text; strings: the decoded value; numbers: the parsed value. */
  readonly value: string | number | bigint;
  readonly pos: number;
}

const OPERATORS = [
  '//',
  '**',
  '==',
  '!=',
  '>=',
  '<=',
  '+',
  '-',
  '/',
  '*',
  '%',
  '~',
  '[',
  ']',
  '(',
  ')',
  '{',
  '}',
  '>',
  '<',
  '=',
  '.',
  ':',
  '|',
  ',',
  ';',
];
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

const WHITESPACE = /\s+/y;
const FLOAT = /(?<!\.)(?:\d+_)*\d+(?:(?:\.(?:\d+_)*\d+)?e[+-]?(?:\d+_)*\d+|\.(?:\d+_)*\d+)/iy;
const INTEGER = /0b(?:_?[01])+|0o(?:_?[0-7])+|0x(?:_?[\da-f])+|[1-9](?:_?\d)*|0(?:_?0)*/iy;
const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const STRING = /'([^'\\]*(?:\\.[^'\\]*)*)'|"([^"\\]*(?:\\.[^"\\]*)*)"/sy;
const RAW_BEGIN = /\{%([-+]?)\s*raw\s*([-+]?)%\}/y;
const RAW_END = /\{%([-+]?)\s*endraw\s*([-+]?)%\}/g;
const LEADING_WS = /^\s*/;
const TRAILING_WS = /\s*$/;

function stickyMatch(regex: RegExp, source: string, pos: number): RegExpExecArray | null {
  regex.lastIndex = pos;
  return regex.exec(source);
}

/** Tokenises a template; `maxDepth` bounds bracket nesting (a sandbox limit). */
export function tokenize(template: string, maxDepth: number): Token[] {
  const source = template.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  const tokens: Token[] = [];
  let pos = 0;
  let stripNext = false;
  const pushData = (text: string, at: number) => {
    const value = stripNext ? text.replace(LEADING_WS, '') : text;
    stripNext = false;
    if (value) tokens.push({ type: 'data', value, pos: at });
  };
  while (pos < source.length) {
    const start = nextTagStart(source, pos);
    if (start < 0) {
      pushData(source.slice(pos), pos);
      break;
    }
    const strip = source[start + 2] === '-';
    const before = source.slice(pos, start);
    pushData(strip ? before.replace(TRAILING_WS, '') : before, pos);
    const kind = source.slice(start, start + 2);
    if (kind === '{#') {
      pos = skipComment(source, start);
      stripNext = source[pos - 3] === '-';
    } else if (kind === '{%' && stickyMatch(RAW_BEGIN, source, start)) {
      [pos, stripNext] = lexRaw(source, start, tokens);
    } else {
      [pos, stripNext] = lexTag(source, start, kind === '{{' ? 'variable' : 'block', tokens, maxDepth);
    }
  }
  tokens.push({ type: 'eof', value: '', pos: source.length });
  return tokens;
}

function nextTagStart(source: string, from: number): number {
  let index = source.indexOf('{', from);
  while (index >= 0) {
    const next = source[index + 1];
    if (next === '{' || next === '%' || next === '#') return index;
    index = source.indexOf('{', index + 1);
  }
  return -1;
}

function skipComment(source: string, start: number): number {
  const end = source.indexOf('#}', start + 2);
  if (end < 0) throw syntaxError('Missing end of comment tag');
  return end + 2;
}

function lexRaw(source: string, start: number, tokens: Token[]): [number, boolean] {
  const begin = stickyMatch(RAW_BEGIN, source, start)!;
  RAW_END.lastIndex = start + begin[0].length;
  const end = RAW_END.exec(source);
  if (end === null) throw syntaxError('Missing end of raw directive');
  let body = source.slice(start + begin[0].length, end.index);
  if (begin[2] === '-') body = body.replace(LEADING_WS, '');
  if (end[1] === '-') body = body.replace(TRAILING_WS, '');
  if (body) tokens.push({ type: 'data', value: body, pos: start });
  return [end.index + end[0].length, end[2] === '-'];
}

/** Lexes one {{ ... }} or {% ... %}; returns the position after it and whether it strips what follows. */
function lexTag(source: string, start: number, kind: 'variable' | 'block', tokens: Token[], maxDepth: number): [number, boolean] {
  const closer = kind === 'variable' ? '}}' : '%}';
  let pos = start + 2;
  if (source[pos] === '-' || source[pos] === '+') pos++;
  tokens.push({ type: kind === 'variable' ? 'variable_begin' : 'block_begin', value: '', pos: start });
  const balance: string[] = [];
  while (pos < source.length) {
    if (balance.length === 0) {
      if (source.startsWith(`-${closer}`, pos)) {
        tokens.push({ type: kind === 'variable' ? 'variable_end' : 'block_end', value: '', pos });
        return [pos + 3, true];
      }
      if (source.startsWith(closer, pos)) {
        tokens.push({ type: kind === 'variable' ? 'variable_end' : 'block_end', value: '', pos });
        return [pos + 2, false];
      }
    }
    pos = lexToken(source, pos, tokens, balance, maxDepth);
  }
  return [pos, false];
}

function lexToken(source: string, pos: number, tokens: Token[], balance: string[], maxDepth: number): number {
  let m = stickyMatch(WHITESPACE, source, pos);
  if (m) return pos + m[0].length;
  m = stickyMatch(FLOAT, source, pos);
  if (m) {
    tokens.push({ type: 'float', value: Number(m[0].replaceAll('_', '')), pos });
    return pos + m[0].length;
  }
  m = stickyMatch(INTEGER, source, pos);
  if (m) {
    tokens.push({ type: 'integer', value: parseIntegerLiteral(m[0]), pos });
    return pos + m[0].length;
  }
  m = stickyMatch(NAME, source, pos);
  if (m) {
    tokens.push({ type: 'name', value: m[0], pos });
    return pos + m[0].length;
  }
  m = stickyMatch(STRING, source, pos);
  if (m) {
    tokens.push({ type: 'string', value: decodeUnicodeEscapes((m[1] ?? m[2]).replace(/\r\n?/g, '\n')), pos });
    return pos + m[0].length;
  }
  const op = OPERATORS.find((candidate) => source.startsWith(candidate, pos));
  if (op === undefined) throw syntaxError(`unexpected char ${charRepr(source[pos])} at ${pos}`);
  trackBalance(op, balance, maxDepth);
  tokens.push({ type: 'operator', value: op, pos });
  return pos + op.length;
}

function trackBalance(op: string, balance: string[], maxDepth: number): void {
  if (op in CLOSERS) {
    balance.push(CLOSERS[op]);
    if (balance.length > maxDepth) {
      throw syntaxError(`brackets nested more than ${maxDepth} deep exceed the sandbox limit`);
    }
  } else if (op === ')' || op === ']' || op === '}') {
    if (balance.length === 0) throw syntaxError(`unexpected '${op}'`);
    const expected = balance.pop();
    if (expected !== op) throw syntaxError(`unexpected '${op}', expected '${expected}'`);
  }
}

function parseIntegerLiteral(text: string): number | bigint {
  const clean = text.replaceAll('_', '').toLowerCase();
  const big = clean.startsWith('0b') || clean.startsWith('0o') || clean.startsWith('0x') ? BigInt(clean) : BigInt(clean || '0');
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

function charRepr(ch: string): string {
  return ch === "'" ? `"'"` : `'${ch === '\\' ? '\\\\' : ch}'`;
}
