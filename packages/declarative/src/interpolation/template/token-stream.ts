// A cursor over tokens with Jinja's helpers (test, skip_if, expect) and its token descriptions
// for error messages.
import { syntaxError } from '../errors.js';
import type { Token } from './lexer.js';

const DESCRIPTIONS: Record<string, string> = {
  eof: 'end of template',
  variable_begin: 'begin of print statement',
  variable_end: 'end of print statement',
  block_begin: 'begin of statement block',
  block_end: 'end of statement block',
  data: 'template data / text',
};

export function describeToken(token: Token): string {
  if (token.type === 'name' || token.type === 'operator') return String(token.value);
  return DESCRIPTIONS[token.type] ?? token.type;
}

function describeExpected(expr: string): string {
  if (expr.length > 1 && expr.includes(':')) return expr.slice(expr.indexOf(':') + 1);
  return DESCRIPTIONS[expr] ?? expr;
}

export class TokenStream {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.tokens[this.index];
  }

  look(): Token {
    return this.tokens[Math.min(this.index + 1, this.tokens.length - 1)];
  }

  next(): Token {
    const token = this.tokens[this.index];
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** Jinja's token tests: a type ('name', 'block_end'), an operator ('|'), or 'name:value'. */
  test(expr: string, token: Token = this.current): boolean {
    const colon = expr.indexOf(':');
    if (colon > 0) return token.type === expr.slice(0, colon) && token.value === expr.slice(colon + 1);
    if (token.type === 'operator') return token.value === expr;
    return token.type === expr;
  }

  testAny(exprs: readonly string[]): boolean {
    return exprs.some((expr) => this.test(expr));
  }

  skipIf(expr: string): boolean {
    if (!this.test(expr)) return false;
    this.next();
    return true;
  }

  expect(expr: string): Token {
    if (this.test(expr)) return this.next();
    if (this.current.type === 'eof') throw syntaxError(`unexpected end of template, expected '${describeExpected(expr)}'.`);
    throw syntaxError(`expected token '${describeExpected(expr)}', got '${describeToken(this.current)}'`);
  }
}
