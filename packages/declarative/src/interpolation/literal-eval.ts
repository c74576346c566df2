// Python's ast.literal_eval, as the CDK applies it to every rendered template: the text is parsed
// as a Python expression and, when it is a literal (numbers, strings, bytes, tuples, lists, dicts,
// sets, True/False/None, Ellipsis, set()), its value is returned. Anything else, valid Python or
// not, is NOT_LITERAL (the CDK then keeps the text). Unhashable dict keys or set members raise
// Python's TypeError, as literal_eval does.
import { ELLIPSIS, PyBytes, PyComplex, PySet, PyTuple } from './values/containers.js';
import { dictFromEntries, type PyDict } from './values/dict.js';
import { keyOf } from './values/keys.js';
import { floatOf, INT_MAX_STR_DIGITS, normBig, PyFloat } from './values/number.js';
import type { PlainDict, PyValue } from './values/object.js';

/**
 * Returned when a string is not a Python literal, since `None` is a literal and cannot mean
 * failure.
 */
export const NOT_LITERAL: unique symbol = Symbol('not a literal');

/** Python's tokenizer refuses deeper bracket nesting ("too many nested parentheses"). */
const MAX_NESTING = 200;

type TokenKind = 'num' | 'str' | 'name' | 'op' | 'newline' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  value?: PyValue;
  bytes?: boolean;
  fstring?: boolean;
}

/** Thrown (one shared instance, so failing is cheap: most rendered text is not a literal) on anything literal_eval rejects. */
const NOT_A_LITERAL = Object.freeze({ notALiteral: true });

const fail = (): never => {
  throw NOT_A_LITERAL;
};

const DIGITPART = '\\d(?:_?\\d)*';
const NUMBER = new RegExp(
  [
    `0[xX](?:_?[0-9a-fA-F])+`,
    `0[oO](?:_?[0-7])+`,
    `0[bB](?:_?[01])+`,
    `(?:(?:${DIGITPART})?\\.${DIGITPART}|${DIGITPART}\\.)(?:[eE][+-]?${DIGITPART})?[jJ]?`,
    `${DIGITPART}[eE][+-]?${DIGITPART}[jJ]?`,
    `${DIGITPART}[jJ]`,
    `[1-9](?:_?\\d)*`,
    `0+(?:_?0)*`,
  ]
    .map((p) => `(?:${p})`)
    .join('|'),
  'y',
);
const NAME = /[\p{ID_Start}_][\p{ID_Continue}]*/uy;
const STRING_START = /([rRbBuUfF]{0,2})('''|"""|'|")/y;

function numberToken(text: string): Token {
  const clean = text.replaceAll('_', '');
  const lower = clean.toLowerCase();
  if (lower.endsWith('j')) return { kind: 'num', text, value: new PyComplex(0, Number(clean.slice(0, -1))) };
  if (/^0[xob]/.test(lower)) return { kind: 'num', text, value: normBig(BigInt(lower)) };
  if (/[.e]/.test(lower)) return { kind: 'num', text, value: new PyFloat(Number(clean)) };
  if (clean.length > INT_MAX_STR_DIGITS) fail();
  return { kind: 'num', text, value: normBig(BigInt(clean)) };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
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
};

function unescapeBody(body: string, bytes: boolean): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[next];
    else if (next >= '0' && next <= '7') {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      const code = Number.parseInt(octal, 8);
      if (bytes && code > 0xff) fail();
      out += String.fromCodePoint(code);
      i += octal.length - 1;
    } else if (next === 'x' || (!bytes && (next === 'u' || next === 'U'))) {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) fail();
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff) fail();
      out += String.fromCodePoint(code);
      i += width;
    } else if (next === 'N' && !bytes) {
      fail();
    } else out += `\\${next}`;
  }
  return out;
}

function stringToken(source: string, pos: number): [Token, number] {
  STRING_START.lastIndex = pos;
  const m = STRING_START.exec(source)!;
  const prefix = m[1].toLowerCase();
  if (!/^(|r|u|b|f|br|rb|fr|rf)$/.test(prefix)) fail();
  const quote = m[2];
  const raw = prefix.includes('r');
  const bytes = prefix.includes('b');
  let i = pos + m[0].length;
  let body = '';
  for (;;) {
    if (i >= source.length) fail();
    const ch = source[i];
    if (source.startsWith(quote, i)) break;
    if (ch === '\n' && quote.length === 1) fail();
    if (ch === '\\') {
      if (i + 1 >= source.length) fail();
      body += ch + source[i + 1];
      i += 2;
      continue;
    }
    body += ch;
    i++;
  }
  if (bytes && /[^\p{ASCII}]/u.test(body)) fail();
  const text = raw ? body : unescapeBody(body, bytes);
  return [{ kind: 'str', text: source.slice(pos, i + quote.length), value: text, bytes, fstring: prefix.includes('f') }, i + quote.length];
}

/** Python's layout between tokens: whitespace, comments, line continuations and newlines. */
class Layout {
  depth = 0;
  private lineStart = false;
  private seenContent = false;

  /** Skips layout at `pos`; returns the new position, or -1 when `pos` starts a token. */
  skip(source: string, pos: number, tokens: Token[]): number {
    const ch = source[pos];
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      const run = /[ \t\f]+/y;
      run.lastIndex = pos;
      const next = pos + run.exec(source)![0].length;
      // Indentation before an expression line (or a dangling one at the very end) is Python's "unexpected indent".
      const indentsSomething = next >= source.length ? this.seenContent : !/[#\r\n]/.test(source[next]);
      if (this.lineStart && this.depth === 0 && indentsSomething) fail();
      return next;
    }
    if (ch === '#') {
      let next = pos;
      while (next < source.length && source[next] !== '\n' && source[next] !== '\r') next++;
      return next;
    }
    if (ch === '\\' && (source[pos + 1] === '\n' || source[pos + 1] === '\r')) {
      const next = pos + (source.startsWith('\r\n', pos + 1) ? 3 : 2);
      // A line continuation at the very end is "unexpected EOF".
      return next >= source.length ? fail() : next;
    }
    if (ch === '\n' || ch === '\r') {
      if (this.depth === 0 && this.seenContent) tokens.push({ kind: 'newline', text: '\n' });
      this.lineStart = true;
      return pos + 1;
    }
    this.lineStart = false;
    this.seenContent = true;
    return -1;
  }
}

/** One token at `pos` (strings, numbers, names, `...`, punctuation); returns the position after it. */
function readToken(source: string, pos: number, tokens: Token[], layout: Layout): number {
  const ch = source[pos];
  STRING_START.lastIndex = pos;
  if (STRING_START.exec(source) !== null) {
    const [token, next] = stringToken(source, pos);
    tokens.push(token);
    return next;
  }
  NUMBER.lastIndex = pos;
  const number = /[\d.]/.test(ch) ? NUMBER.exec(source) : null;
  if (number !== null) {
    const next = pos + number[0].length;
    if (next < source.length && /[\p{ID_Continue}.]/u.test(source[next])) fail();
    tokens.push(numberToken(number[0]));
    return next;
  }
  NAME.lastIndex = pos;
  const name = NAME.exec(source);
  if (name !== null) {
    tokens.push({ kind: 'name', text: name[0] });
    return pos + name[0].length;
  }
  if (source.startsWith('...', pos)) {
    tokens.push({ kind: 'op', text: '...' });
    return pos + 3;
  }
  if ('([{'.includes(ch)) {
    if (++layout.depth > MAX_NESTING) fail();
  } else if (')]}'.includes(ch)) {
    if (--layout.depth < 0) fail();
  } else if (!',:+-'.includes(ch)) fail();
  tokens.push({ kind: 'op', text: ch });
  return pos + 1;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const layout = new Layout();
  let pos = 0;
  while (pos < source.length) {
    const next = layout.skip(source, pos, tokens);
    pos = next >= 0 ? next : readToken(source, pos, tokens, layout);
  }
  if (layout.depth !== 0) fail();
  tokens.push({ kind: 'end', text: '' });
  return tokens;
}

/** A parsed node: its value, and what literal_eval's rules need to know about its shape. */
interface Node {
  value: PyValue;
  shape: 'real' | 'complex' | 'signed-real' | 'signed-complex' | 'binop' | 'other';
}

class LiteralParser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.index];
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  private expectOp(text: string): void {
    if (!this.isOp(text)) fail();
    this.index++;
  }

  parseInput(): PyValue {
    const value = this.parseTestList(['newline', 'end']);
    while (this.peek().kind === 'newline') this.index++;
    if (this.peek().kind !== 'end') fail();
    return value;
  }

  /** Comma-separated expressions (a tuple when there is a comma), up to a closing token. */
  private parseTestList(closers: readonly string[]): PyValue {
    const atEnd = () => closers.includes(this.peek().kind) || (this.peek().kind === 'op' && closers.includes(this.peek().text));
    const items: PyValue[] = [];
    let tuple = false;
    for (;;) {
      if (items.length && atEnd()) break;
      items.push(this.parseExpression().value);
      if (!this.isOp(',')) break;
      this.index++;
      tuple = true;
    }
    return tuple ? new PyTuple(items) : items[0];
  }

  private parseExpression(): Node {
    const left = this.parseSigned();
    if (!this.isOp('+') && !this.isOp('-')) return left;
    const negative = this.peek().text === '-';
    this.index++;
    const right = this.parseAtom();
    if ((left.shape !== 'real' && left.shape !== 'signed-real') || right.shape !== 'complex') fail();
    if (this.isOp('+') || this.isOp('-')) fail();
    const imag = (right.value as PyComplex).imag;
    return { value: new PyComplex(floatOf(left.value), negative ? -imag : imag), shape: 'binop' };
  }

  private parseSigned(): Node {
    if (!this.isOp('+') && !this.isOp('-')) return this.parseAtom();
    const negative = this.peek().text === '-';
    this.index++;
    const operand = this.parseAtom();
    if (operand.shape === 'real') {
      const v = operand.value;
      if (!negative) return { value: v, shape: 'signed-real' };
      if (v instanceof PyFloat) return { value: new PyFloat(-v.value), shape: 'signed-real' };
      return { value: typeof v === 'bigint' ? normBig(-v) : 0 - (v as number), shape: 'signed-real' };
    }
    if (operand.shape === 'complex') {
      const c = operand.value as PyComplex;
      return { value: negative ? new PyComplex(-c.real, -c.imag) : c, shape: 'signed-complex' };
    }
    return fail();
  }

  private parseAtom(): Node {
    const token = this.peek();
    switch (token.kind) {
      case 'num':
        this.index++;
        return { value: token.value!, shape: token.value instanceof PyComplex ? 'complex' : 'real' };
      case 'str':
        return this.parseStrings();
      case 'name':
        return this.parseName(token.text);
      case 'op':
        return this.parseBracket(token.text);
      default:
        return fail();
    }
  }

  private parseStrings(): Node {
    let text = '';
    let bytes: boolean | null = null;
    while (this.peek().kind === 'str') {
      const token = this.peek();
      if (token.fstring) fail();
      if (bytes !== null && bytes !== token.bytes) fail();
      bytes = token.bytes ?? false;
      text += token.value as string;
      this.index++;
    }
    if (bytes) return { value: new PyBytes(Uint8Array.from(text, (c) => c.charCodeAt(0))), shape: 'other' };
    return { value: text, shape: 'other' };
  }

  private parseName(name: string): Node {
    this.index++;
    if (name === 'True') return { value: true, shape: 'other' };
    if (name === 'False') return { value: false, shape: 'other' };
    if (name === 'None') return { value: null, shape: 'other' };
    if (name === 'set' && this.isOp('(')) {
      this.index++;
      this.expectOp(')');
      return { value: new PySet(), shape: 'other' };
    }
    return fail();
  }

  private parseBracket(op: string): Node {
    this.index++;
    if (op === '...') return { value: ELLIPSIS, shape: 'other' };
    if (op === '(') {
      if (this.isOp(')')) {
        this.index++;
        return { value: new PyTuple([]), shape: 'other' };
      }
      const start = this.index;
      const first = this.parseExpression();
      if (this.isOp(')')) {
        this.index++;
        return first;
      }
      this.index = start;
      const value = this.parseTestList([')']);
      this.expectOp(')');
      return { value, shape: 'other' };
    }
    if (op === '[') {
      const items = this.parseItems(']');
      return { value: items, shape: 'other' };
    }
    if (op === '{') return this.parseBrace();
    return fail();
  }

  private parseItems(closer: string): PyValue[] {
    const items: PyValue[] = [];
    while (!this.isOp(closer)) {
      items.push(this.parseExpression().value);
      if (!this.isOp(',')) break;
      this.index++;
    }
    this.expectOp(closer);
    return items;
  }

  private parseBrace(): Node {
    if (this.isOp('}')) {
      this.index++;
      return { value: {}, shape: 'other' };
    }
    const first = this.parseExpression().value;
    if (!this.isOp(':')) {
      let rest: PyValue[] = [];
      if (this.isOp(',')) {
        this.index++;
        rest = this.parseItems('}');
      } else this.expectOp('}');
      const members = [first, ...rest];
      for (const member of members) keyOf(member);
      return { value: new PySet(members), shape: 'other' };
    }
    const entries: [PyValue, PyValue][] = [];
    let key = first;
    for (;;) {
      this.expectOp(':');
      entries.push([key, this.parseExpression().value]);
      if (!this.isOp(',')) break;
      this.index++;
      if (this.isOp('}')) break;
      key = this.parseExpression().value;
    }
    this.expectOp('}');
    for (const [k] of entries) keyOf(k);
    return { value: makeDict(entries), shape: 'other' };
  }
}

/** A dict as literal_eval returns it: a plain object when every key is a non-numeric-looking str (order is then kept), else a PyDict. */
export function makeDict(entries: readonly (readonly [PyValue, PyValue])[]): PlainDict | PyDict {
  if (entries.some(([key]) => typeof key !== 'string' || /^(?:0|[1-9]\d*)$/.test(key))) return dictFromEntries(entries);
  const out: PlainDict = {};
  for (const [key, value] of entries) {
    Object.defineProperty(out, key as string, { value, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** What a Python literal can start with: text starting otherwise is returned without parsing. */
const CAN_START = /^[ \t\f]*(?:[\d.'"([{+\-#\\\r\n]|[rRbBuUfF]{1,2}['"]|True\b|False\b|None\b|set\s*\(|$)/;

/** ASCII characters a literal may contain outside strings and comments (digits, hex and prefix letters, punctuation, layout). */
const LITERAL_CHARS = new Uint8Array(128);
for (const ch of '0123456789abcdefABCDEFxXoOjJ_.,:+-()[]{}\\ \t\n\r\f\v') LITERAL_CHARS[ch.charCodeAt(0)] = 1;
const KEYWORD_AT = /True|False|None|set/y;
const KEYWORD_START = 'TFNs';
/** A decimal int written with a leading zero ("01" in a date) is a SyntaxError in Python 3. */
const LEADING_ZERO_INT = /(?<![\w.]|[eE][+-])0+[1-9][\d_]*(?![\d_]*[.eEjJ])/;

/** Whether an unquoted text has a character no literal has (an identifier other than True/False/None/set). */
function hasForeignCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (KEYWORD_START.includes(text[i]) && (i === 0 || !/\w/.test(text[i - 1]))) {
      KEYWORD_AT.lastIndex = i;
      const keyword = KEYWORD_AT.exec(text);
      if (keyword !== null && !/\w/.test(text[i + keyword[0].length] ?? '')) {
        i += keyword[0].length - 1;
        continue;
      }
    }
    if (code >= 128 || LITERAL_CHARS[code] !== 1) return true;
  }
  return false;
}

/** Rejects, without parsing, the common rendered text that cannot be a literal (ids, dates, URLs). */
function plainlyNotLiteral(text: string): boolean {
  if (!CAN_START.test(text)) return true;
  if (text.includes("'") || text.includes('"') || text.includes('#')) return false;
  return hasForeignCharacter(text) || LEADING_ZERO_INT.test(text);
}

const SMALL_INT = /^[ \t]*(-?)(0|[1-9]\d{0,14})[ \t]*\n?$/;

/** The most common rendered results, without the tokenizer: small ints, True, False, None. */
function quickLiteral(text: string): PyValue | undefined {
  switch (text) {
    case 'True':
      return true;
    case 'False':
      return false;
    case 'None':
      return null;
  }
  const first = text.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45 || first === 32 || first === 9)) return undefined;
  const m = SMALL_INT.exec(text);
  if (m === null) return undefined;
  const n = Number(m[2]);
  return m[1] ? 0 - n : n;
}

/** ast.literal_eval(text), or NOT_LITERAL where Python raises ValueError or SyntaxError. */
export function literalEval(text: string): PyValue | typeof NOT_LITERAL {
  const quick = quickLiteral(text);
  if (quick !== undefined) return quick;
  if (plainlyNotLiteral(text)) return NOT_LITERAL;
  const source = text.replace(/^[ \t]+/, '');
  try {
    return new LiteralParser(tokenize(source)).parseInput();
  } catch (error) {
    if (error === NOT_A_LITERAL) return NOT_LITERAL;
    throw error;
  }
}
