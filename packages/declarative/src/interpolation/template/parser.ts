// Jinja's parser: statements ({% if %}, {% for %}, {% set %}, {% with %}, {% macro %}, ...) and
// expressions with Jinja's precedence (note ** is left-associative and filters bind tighter than
// unary minus's operand, as in Jinja).
import { syntaxError } from '../errors.js';
import { PyFloat } from '../values/number.js';
import type { BinaryOperator, CallParts, CompareOperator, Expr, Stmt } from './ast.js';
import { tokenize } from './lexer.js';
import { describeToken, TokenStream } from './token-stream.js';

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);
const UNSUPPORTED_TAGS = new Set(['extends', 'include', 'import', 'from']);

export function parseTemplate(template: string, maxDepth: number): Stmt[] {
  return new Parser(new TokenStream(tokenize(template, maxDepth)), maxDepth).parseTemplate();
}

class Parser {
  private depth = 0;
  private readonly endTokenStack: string[][] = [];
  private readonly tagStack: string[] = [];

  constructor(
    private readonly stream: TokenStream,
    private readonly maxDepth: number,
  ) {}

  parseTemplate(): Stmt[] {
    return this.subparse(null);
  }

  private subparse(endTokens: readonly string[] | null): Stmt[] {
    const body: Stmt[] = [];
    let output: (Expr | string)[] = [];
    const flush = () => {
      if (output.length) body.push({ kind: 'output', nodes: output });
      output = [];
    };
    if (endTokens) this.endTokenStack.push([...endTokens]);
    try {
      while (this.stream.current.type !== 'eof') {
        const token = this.stream.current;
        if (token.type === 'data') {
          output.push(String(token.value));
          this.stream.next();
        } else if (token.type === 'variable_begin') {
          this.stream.next();
          output.push(this.parseTuple({ withCondexpr: true }));
          this.stream.expect('variable_end');
        } else if (token.type === 'block_begin') {
          flush();
          this.stream.next();
          if (endTokens && this.stream.testAny(endTokens)) return body;
          body.push(this.parseStatement());
          this.stream.expect('block_end');
        } else {
          throw syntaxError('internal parser error');
        }
      }
      flush();
      return body;
    } finally {
      if (endTokens) this.endTokenStack.pop();
      flush();
    }
  }

  private parseStatement(): Stmt {
    const token = this.stream.current;
    if (token.type !== 'name') throw syntaxError('tag name expected');
    const name = String(token.value);
    this.tagStack.push(name);
    try {
      switch (name) {
        case 'if':
          return this.parseIf();
        case 'for':
          return this.parseFor();
        case 'set':
          return this.parseSet();
        case 'with':
          return this.parseWith();
        case 'filter':
          return this.parseFilterBlock();
        case 'macro':
          return this.parseMacro();
        case 'call':
          return this.parseCallBlock();
        case 'print': {
          this.stream.next();
          return { kind: 'output', nodes: [this.parseTuple({ withCondexpr: true })] };
        }
        case 'block':
        case 'autoescape':
          return this.parseScopedBlock(name);
        default:
          if (UNSUPPORTED_TAGS.has(name)) return this.parseUnsupported(name);
          throw this.unknownTag(name);
      }
    } finally {
      this.tagStack.pop();
    }
  }

  /** Jinja's "unknown tag" and "unexpected end" messages. */
  private unknownTag(name: string | null): Error {
    const tagStack = name === null ? this.tagStack : this.tagStack.slice(0, -1);
    const describe = (t: string) => `'${t.slice(t.indexOf(':') + 1)}'`;
    const expected = new Set(this.endTokenStack.flat().map((t) => t.slice(t.indexOf(':') + 1)));
    const innermost = this.endTokenStack[this.endTokenStack.length - 1];
    const message = [name === null ? 'Unexpected end of template.' : `Encountered unknown tag '${name}'.`];
    if (innermost) {
      const looking = innermost.map(describe).join(' or ');
      if (name !== null && expected.has(name)) {
        message.push(`You probably made a nesting mistake. Jinja is expecting this tag, but currently looking for ${looking}.`);
      } else {
        message.push(`Jinja was looking for the following tags: ${looking}.`);
      }
    }
    if (tagStack.length) message.push(`The innermost block that needs to be closed is '${tagStack[tagStack.length - 1]}'.`);
    return syntaxError(message.join(' '));
  }

  private failEof(endTokens: readonly string[]): never {
    this.endTokenStack.push([...endTokens]);
    throw this.unknownTag(null);
  }

  private parseStatements(endTokens: readonly string[], dropNeedle = false): Stmt[] {
    this.stream.skipIf(':');
    this.stream.expect('block_end');
    const body = this.subparse(endTokens);
    if (this.stream.current.type === 'eof') this.failEof(endTokens);
    if (dropNeedle) this.stream.next();
    return body;
  }

  private parseIf(): Stmt {
    this.stream.expect('name:if');
    const test = this.parseTuple({ withCondexpr: false });
    const body = this.parseStatements(['name:elif', 'name:else', 'name:endif']);
    const elifs: [Expr, Stmt[]][] = [];
    let else_: Stmt[] = [];
    for (;;) {
      const token = this.stream.next();
      if (this.stream.test('name:elif', token)) {
        const elifTest = this.parseTuple({ withCondexpr: false });
        elifs.push([elifTest, this.parseStatements(['name:elif', 'name:else', 'name:endif'])]);
        continue;
      }
      if (this.stream.test('name:else', token)) else_ = this.parseStatements(['name:endif'], true);
      break;
    }
    return { kind: 'if', test, body, elifs, else_ };
  }

  private parseFor(): Stmt {
    this.stream.expect('name:for');
    const target = this.parseAssignTarget(['name:in']);
    this.stream.expect('name:in');
    const iter = this.parseTuple({ withCondexpr: false, extraEndRules: ['name:recursive'] });
    const test = this.stream.skipIf('name:if') ? this.parseExpression() : null;
    const recursive = this.stream.skipIf('name:recursive');
    const body = this.parseStatements(['name:endfor', 'name:else']);
    const else_ = this.stream.next().value === 'endfor' ? [] : this.parseStatements(['name:endfor'], true);
    return { kind: 'for', target, iter, body, else_, test, recursive };
  }

  private parseSet(): Stmt {
    this.stream.next();
    const target = this.parseAssignTarget(null, true);
    if (this.stream.skipIf('=')) return { kind: 'assign', target, expr: this.parseTuple({ withCondexpr: true }) };
    const filter = this.stream.test('|') ? this.parseFilter(null) : null;
    const body = this.parseStatements(['name:endset'], true);
    return { kind: 'assignblock', target, filter, body };
  }

  private parseWith(): Stmt {
    this.stream.next();
    const targets: Expr[] = [];
    const values: Expr[] = [];
    while (this.stream.current.type !== 'block_end') {
      if (targets.length) this.stream.expect(',');
      const target = this.parseAssignTarget(null);
      targets.push(target);
      this.stream.expect('=');
      values.push(this.parseExpression());
    }
    return { kind: 'with', targets, values, body: this.parseStatements(['name:endwith'], true) };
  }

  private parseFilterBlock(): Stmt {
    this.stream.next();
    const filter = this.parseFilter(null, true);
    return { kind: 'filterblock', filter, body: this.parseStatements(['name:endfilter'], true) };
  }

  private parseSignature(): [string[], Expr[]] {
    const params: string[] = [];
    const defaults: Expr[] = [];
    this.stream.expect('(');
    while (!this.stream.test(')')) {
      if (params.length) this.stream.expect(',');
      const name = String(this.stream.expect('name').value);
      params.push(name);
      if (this.stream.skipIf('=')) defaults.push(this.parseExpression());
      else if (defaults.length) throw syntaxError('non-default argument follows default argument');
    }
    this.stream.expect(')');
    return [params, defaults];
  }

  private parseMacro(): Stmt {
    this.stream.next();
    const name = String(this.stream.expect('name').value);
    const [params, defaults] = this.parseSignature();
    return { kind: 'macro', name, params, defaults, body: this.parseStatements(['name:endmacro'], true) };
  }

  private parseCallBlock(): Stmt {
    this.stream.next();
    const [params, defaults] = this.stream.test('(') ? this.parseSignature() : [[], []];
    const call = this.parseExpression();
    if (call.kind !== 'call') throw syntaxError('expected call');
    return { kind: 'callblock', call, params, defaults, body: this.parseStatements(['name:endcall'], true) };
  }

  /** {% block name %} (without template inheritance, its body renders in place) and {% autoescape x %}. */
  private parseScopedBlock(tag: string): Stmt {
    this.stream.next();
    if (tag === 'autoescape') {
      const expr = this.parseExpression();
      return { kind: 'autoescape', expr, body: this.parseStatements(['name:endautoescape'], true) };
    }
    this.stream.expect('name');
    this.stream.skipIf('name:scoped');
    this.stream.skipIf('name:required');
    const body = this.parseStatements(['name:endblock'], true);
    if (this.stream.current.type === 'name') this.stream.next();
    return { kind: 'with', targets: [], values: [], body };
  }

  private parseUnsupported(tag: string): Stmt {
    while (this.stream.current.type !== 'block_end' && this.stream.current.type !== 'eof') this.stream.next();
    return { kind: 'unsupported', tag };
  }

  private parseAssignTarget(extraEndRules: readonly string[] | null, withNamespace = false): Expr {
    if (withNamespace && this.stream.look().type === 'operator' && this.stream.look().value === '.') {
      const name = String(this.stream.expect('name').value);
      this.stream.next();
      const attr = String(this.stream.expect('name').value);
      return { kind: 'nsref', name, attr };
    }
    const target = this.parseTuple({ simplified: true, extraEndRules });
    if (!canAssign(target)) throw syntaxError(`can't assign to '${target.kind}'`);
    return target;
  }

  // ---- expressions ----

  private enter(): void {
    if (++this.depth > this.maxDepth) throw syntaxError(`expression nested more than ${this.maxDepth} deep exceeds the sandbox limit`);
  }

  parseExpression(withCondexpr = true): Expr {
    this.enter();
    try {
      return withCondexpr ? this.parseCondexpr() : this.parseOr();
    } finally {
      this.depth--;
    }
  }

  private parseCondexpr(): Expr {
    let expr1 = this.parseOr();
    while (this.stream.skipIf('name:if')) {
      const test = this.parseOr();
      const expr2 = this.stream.skipIf('name:else') ? this.parseCondexpr() : null;
      expr1 = { kind: 'condexpr', test, expr1, expr2 };
    }
    return expr1;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.stream.skipIf('name:or')) left = { kind: 'or', left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.stream.skipIf('name:and')) left = { kind: 'and', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Expr {
    if (this.stream.test('name:not')) {
      this.stream.next();
      this.enter();
      try {
        return { kind: 'unary', op: 'not', node: this.parseNot() };
      } finally {
        this.depth--;
      }
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const expr = this.parseMath1();
    const ops: [CompareOperator, Expr][] = [];
    for (;;) {
      const token = this.stream.current;
      if (token.type === 'operator' && COMPARE_OPS.has(String(token.value))) {
        this.stream.next();
        ops.push([token.value as CompareOperator, this.parseMath1()]);
      } else if (this.stream.skipIf('name:in')) {
        ops.push(['in', this.parseMath1()]);
      } else if (this.stream.test('name:not') && this.stream.test('name:in', this.stream.look())) {
        this.stream.next();
        this.stream.next();
        ops.push(['notin', this.parseMath1()]);
      } else break;
    }
    return ops.length ? { kind: 'compare', expr, ops } : expr;
  }

  private parseMath1(): Expr {
    let left = this.parseConcat();
    while (this.stream.test('+') || this.stream.test('-')) {
      const op = String(this.stream.next().value) as BinaryOperator;
      left = { kind: 'binary', op, left, right: this.parseConcat() };
    }
    return left;
  }

  private parseConcat(): Expr {
    const nodes = [this.parseMath2()];
    while (this.stream.skipIf('~')) nodes.push(this.parseMath2());
    return nodes.length === 1 ? nodes[0] : { kind: 'concat', nodes };
  }

  private parseMath2(): Expr {
    let left = this.parsePow();
    while (this.stream.test('*') || this.stream.test('/') || this.stream.test('//') || this.stream.test('%')) {
      const op = String(this.stream.next().value) as BinaryOperator;
      left = { kind: 'binary', op, left, right: this.parsePow() };
    }
    return left;
  }

  private parsePow(): Expr {
    let left = this.parseUnary();
    while (this.stream.skipIf('**')) left = { kind: 'binary', op: '**', left, right: this.parseUnary() };
    return left;
  }

  private parseUnary(withFilter = true): Expr {
    let node: Expr;
    if (this.stream.test('-') || this.stream.test('+')) {
      const op = String(this.stream.next().value) as '-' | '+';
      this.enter();
      try {
        node = { kind: 'unary', op, node: this.parseUnary(false) };
      } finally {
        this.depth--;
      }
    } else {
      node = this.parsePrimary();
    }
    node = this.parsePostfix(node);
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parsePrimary(): Expr {
    const token = this.stream.current;
    switch (token.type) {
      case 'name': {
        this.stream.next();
        const name = String(token.value);
        if (name === 'true' || name === 'True') return { kind: 'const', value: true };
        if (name === 'false' || name === 'False') return { kind: 'const', value: false };
        if (name === 'none' || name === 'None') return { kind: 'const', value: null };
        return { kind: 'name', name };
      }
      case 'string': {
        let value = String(this.stream.next().value);
        while (this.stream.current.type === 'string') value += String(this.stream.next().value);
        return { kind: 'const', value };
      }
      case 'integer':
      case 'float':
        this.stream.next();
        return { kind: 'const', value: token.type === 'float' ? new PyFloat(token.value as number) : (token.value as number | bigint) };
      default:
        if (this.stream.test('(')) {
          this.stream.next();
          const node = this.parseTuple({ explicitParentheses: true });
          this.stream.expect(')');
          return node;
        }
        if (this.stream.test('[')) return this.parseList();
        if (this.stream.test('{')) return this.parseDict();
        throw syntaxError(`unexpected '${describeToken(token)}'`);
    }
  }

  parseTuple(options: {
    simplified?: boolean;
    withCondexpr?: boolean;
    extraEndRules?: readonly string[] | null;
    explicitParentheses?: boolean;
  }): Expr {
    const parse = options.simplified
      ? () => this.parsePrimary()
      : options.withCondexpr === false
        ? () => this.parseExpression(false)
        : () => this.parseExpression(true);
    const items: Expr[] = [];
    let isTuple = false;
    for (;;) {
      if (items.length) this.stream.expect(',');
      if (this.isTupleEnd(options.extraEndRules ?? null)) break;
      items.push(parse());
      if (this.stream.test(',')) isTuple = true;
      else break;
    }
    if (!isTuple) {
      if (items.length) return items[0];
      if (!options.explicitParentheses) throw syntaxError(`Expected an expression, got '${describeToken(this.stream.current)}'`);
    }
    return { kind: 'tuple', items };
  }

  private isTupleEnd(extraEndRules: readonly string[] | null): boolean {
    const current = this.stream.current;
    if (current.type === 'variable_end' || current.type === 'block_end' || this.stream.test(')')) return true;
    return extraEndRules ? this.stream.testAny(extraEndRules) : false;
  }

  private parseList(): Expr {
    this.stream.expect('[');
    const items: Expr[] = [];
    while (!this.stream.test(']')) {
      if (items.length) this.stream.expect(',');
      if (this.stream.test(']')) break;
      items.push(this.parseExpression());
    }
    this.stream.expect(']');
    return { kind: 'list', items };
  }

  private parseDict(): Expr {
    this.stream.expect('{');
    const items: [Expr, Expr][] = [];
    while (!this.stream.test('}')) {
      if (items.length) this.stream.expect(',');
      if (this.stream.test('}')) break;
      const key = this.parseExpression();
      this.stream.expect(':');
      items.push([key, this.parseExpression()]);
    }
    this.stream.expect('}');
    return { kind: 'dict', items };
  }

  private parsePostfix(node: Expr): Expr {
    for (;;) {
      if (this.stream.test('.') || this.stream.test('[')) node = this.parseSubscript(node);
      else if (this.stream.test('(')) node = { kind: 'call', node, ...this.parseCallArgs() };
      else return node;
    }
  }

  private parseFilterExpr(node: Expr): Expr {
    for (;;) {
      if (this.stream.test('|')) node = this.parseFilter(node);
      else if (this.stream.test('name:is')) node = this.parseTest(node);
      else if (this.stream.test('(')) node = { kind: 'call', node, ...this.parseCallArgs() };
      else return node;
    }
  }

  private parseSubscript(node: Expr): Expr {
    const token = this.stream.next();
    if (token.value === '.') {
      const attr = this.stream.next();
      if (attr.type === 'name') return { kind: 'getattr', node, attr: String(attr.value) };
      if (attr.type !== 'integer') throw syntaxError('expected name or number');
      return { kind: 'getitem', node, arg: { kind: 'const', value: attr.value as number } };
    }
    const args: Expr[] = [];
    while (!this.stream.test(']')) {
      if (args.length) this.stream.expect(',');
      args.push(this.parseSubscribed());
    }
    this.stream.expect(']');
    return { kind: 'getitem', node, arg: args.length === 1 ? args[0] : { kind: 'tuple', items: args } };
  }

  private parseSubscribed(): Expr {
    const parts: (Expr | null)[] = [];
    if (this.stream.test(':')) {
      this.stream.next();
      parts.push(null);
    } else {
      const node = this.parseExpression();
      if (!this.stream.test(':')) return node;
      this.stream.next();
      parts.push(node);
    }
    const atEnd = () => this.stream.test(']') || this.stream.test(',');
    if (this.stream.test(':')) parts.push(null);
    else parts.push(atEnd() ? null : this.parseExpression());
    if (this.stream.skipIf(':')) parts.push(atEnd() ? null : this.parseExpression());
    else parts.push(null);
    return { kind: 'slice', start: parts[0], stop: parts[1], step: parts[2] };
  }

  private parseCallArgs(): CallParts {
    this.stream.expect('(');
    const args: Expr[] = [];
    const kwargs: [string, Expr][] = [];
    let dynArgs: Expr | null = null;
    let dynKwargs: Expr | null = null;
    let requireComma = false;
    const ensure = (ok: boolean) => {
      if (!ok) throw syntaxError('invalid syntax for function call expression');
    };
    while (!this.stream.test(')')) {
      if (requireComma) {
        this.stream.expect(',');
        if (this.stream.test(')')) break;
      }
      if (this.stream.test('*')) {
        ensure(dynArgs === null && dynKwargs === null);
        this.stream.next();
        dynArgs = this.parseExpression();
      } else if (this.stream.test('**')) {
        ensure(dynKwargs === null);
        this.stream.next();
        dynKwargs = this.parseExpression();
      } else if (this.stream.current.type === 'name' && this.stream.test('=', this.stream.look())) {
        ensure(dynKwargs === null);
        const key = String(this.stream.next().value);
        this.stream.next();
        kwargs.push([key, this.parseExpression()]);
      } else {
        ensure(dynArgs === null && dynKwargs === null && kwargs.length === 0);
        args.push(this.parseExpression());
      }
      requireComma = true;
    }
    this.stream.expect(')');
    return { args, kwargs, dynArgs, dynKwargs };
  }

  private parseFilter(node: Expr | null, startInline = false): Expr {
    let result = node;
    while (this.stream.test('|') || startInline) {
      if (!startInline) this.stream.next();
      let name = String(this.stream.expect('name').value);
      while (this.stream.skipIf('.')) name += `.${String(this.stream.expect('name').value)}`;
      const call = this.stream.test('(') ? this.parseCallArgs() : { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
      result = { kind: 'filter', node: result, name, ...call };
      startInline = false;
    }
    return result!;
  }

  private parseTest(node: Expr): Expr {
    this.stream.next();
    const negated = this.stream.skipIf('name:not');
    let name = String(this.stream.expect('name').value);
    while (this.stream.skipIf('.')) name += `.${String(this.stream.expect('name').value)}`;
    let call: CallParts = { args: [], kwargs: [], dynArgs: null, dynKwargs: null };
    const current = this.stream.current;
    if (this.stream.test('(')) call = this.parseCallArgs();
    else if (startsPrimary(current.type, this.stream) && !this.stream.testAny(['name:else', 'name:or', 'name:and'])) {
      if (this.stream.test('name:is')) throw syntaxError('You cannot chain multiple tests with is');
      call = { ...call, args: [this.parsePostfix(this.parsePrimary())] };
    }
    const test: Expr = { kind: 'test', node, name, ...call };
    return negated ? { kind: 'unary', op: 'not', node: test } : test;
  }
}

function startsPrimary(type: string, stream: TokenStream): boolean {
  return ['name', 'string', 'integer', 'float'].includes(type) || stream.test('(') || stream.test('[') || stream.test('{');
}

function canAssign(node: Expr): boolean {
  if (node.kind === 'name') return !['true', 'false', 'none', 'True', 'False', 'None'].includes(node.name);
  if (node.kind === 'tuple') return node.items.every(canAssign);
  return node.kind === 'nsref';
}
