// Jinja's meta.find_undeclared_variables, which the CDK checks before rendering: names the
// template reads without binding them first (in Jinja's scoping: loop bodies, macro bodies and
// {% set %} blocks are inner frames; a name set in only some branches of an {% if %} stays
// undeclared), minus the environment's globals. Names are listed in the order Jinja meets them.
import type { Expr, Stmt } from './ast.js';

class Symbols {
  readonly stores: Set<string>;

  constructor(
    readonly parent: Symbols | null,
    stores: Iterable<string> = [],
  ) {
    this.stores = new Set(stores);
  }
  find(name: string): boolean {
    return this.stores.has(name) || (this.parent?.find(name) ?? false);
  }
  copy(): Symbols {
    return new Symbols(this.parent, this.stores);
  }
}

export function findUndeclared(body: readonly Stmt[], globals: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const record = (name: string) => {
    if (!globals.has(name) && !found.includes(name)) found.push(name);
  };
  // Jinja binds `self` (the template reference) in the root frame.
  new Analyzer(record).statements(body, new Symbols(null, ['self']));
  return found;
}

class Analyzer {
  constructor(private readonly record: (name: string) => void) {}

  statements(stmts: readonly Stmt[], sym: Symbols): void {
    for (const stmt of stmts) this.statement(stmt, sym);
  }

  private storeTarget(target: Expr, sym: Symbols): void {
    if (target.kind === 'name') sym.stores.add(target.name);
    else if (target.kind === 'tuple') for (const item of target.items) this.storeTarget(item, sym);
    else if (target.kind === 'nsref') this.load(target.name, sym);
  }

  private load(name: string, sym: Symbols): void {
    if (!sym.find(name)) this.record(name);
  }

  private statement(stmt: Stmt, sym: Symbols): void {
    switch (stmt.kind) {
      case 'output':
        for (const node of stmt.nodes) if (typeof node !== 'string') this.expr(node, sym);
        break;
      case 'if':
        this.ifStatement(stmt, sym);
        break;
      case 'for': {
        this.expr(stmt.iter, sym);
        const loop = new Symbols(sym, ['loop']);
        this.storeTarget(stmt.target, loop);
        if (stmt.test) this.expr(stmt.test, loop);
        this.statements(stmt.body, loop);
        this.statements(stmt.else_, new Symbols(sym));
        break;
      }
      case 'assign':
        this.expr(stmt.expr, sym);
        this.storeTarget(stmt.target, sym);
        break;
      case 'assignblock':
        if (stmt.filter) this.expr(stmt.filter, sym);
        this.statements(stmt.body, new Symbols(sym));
        this.storeTarget(stmt.target, sym);
        break;
      case 'with': {
        for (const value of stmt.values) this.expr(value, sym);
        const inner = new Symbols(sym);
        for (const target of stmt.targets) this.storeTarget(target, inner);
        this.statements(stmt.body, inner);
        break;
      }
      case 'autoescape':
        this.expr(stmt.expr, sym);
        this.statements(stmt.body, new Symbols(sym));
        break;
      case 'filterblock':
        this.expr(stmt.filter, sym);
        this.statements(stmt.body, new Symbols(sym));
        break;
      case 'macro':
        sym.stores.add(stmt.name);
        this.macroBody(stmt.params, stmt.defaults, stmt.body, sym);
        break;
      case 'callblock':
        this.expr(stmt.call, sym);
        this.macroBody(stmt.params, stmt.defaults, stmt.body, sym);
        break;
      case 'unsupported':
        break;
    }
  }

  private macroBody(params: readonly string[], defaults: readonly Expr[], body: readonly Stmt[], sym: Symbols): void {
    const inner = new Symbols(sym, [...params, 'varargs', 'kwargs', 'caller']);
    for (const d of defaults) this.expr(d, inner);
    this.statements(body, inner);
  }

  /** Branches see a copy of the scope; names set in some but not all of Jinja's three branches (body, elifs, else) stay undeclared. */
  private ifStatement(stmt: Extract<Stmt, { kind: 'if' }>, sym: Symbols): void {
    this.expr(stmt.test, sym);
    const elifs: Stmt[] = stmt.elifs.map(([test, body]) => ({ kind: 'if', test, body, elifs: [], else_: [] }));
    const branches = [stmt.body, elifs, stmt.else_].map((body) => {
      const copy = sym.copy();
      this.statements(body, copy);
      return copy;
    });
    const counts = new Map<string, number>();
    for (const branch of branches) {
      for (const name of branch.stores) if (!sym.stores.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    for (const [name, count] of counts) {
      if (count !== branches.length && !(sym.parent?.find(name) ?? false)) this.record(name);
    }
    for (const branch of branches) for (const name of branch.stores) sym.stores.add(name);
  }

  private expr(node: Expr, sym: Symbols): void {
    switch (node.kind) {
      case 'name':
        this.load(node.name, sym);
        return;
      case 'const':
        return;
      case 'getattr':
        this.expr(node.node, sym);
        return;
      case 'getitem':
        this.expr(node.node, sym);
        this.expr(node.arg, sym);
        return;
      case 'slice':
        for (const part of [node.start, node.stop, node.step]) if (part) this.expr(part, sym);
        return;
      case 'call':
      case 'filter':
      case 'test':
        if (node.node) this.expr(node.node, sym);
        for (const arg of node.args) this.expr(arg, sym);
        for (const [, value] of node.kwargs) this.expr(value, sym);
        if (node.dynArgs) this.expr(node.dynArgs, sym);
        if (node.dynKwargs) this.expr(node.dynKwargs, sym);
        return;
      case 'binary':
      case 'and':
      case 'or':
        this.expr(node.left, sym);
        this.expr(node.right, sym);
        return;
      case 'unary':
        this.expr(node.node, sym);
        return;
      case 'concat':
        for (const part of node.nodes) this.expr(part, sym);
        return;
      case 'compare':
        this.expr(node.expr, sym);
        for (const [, operand] of node.ops) this.expr(operand, sym);
        return;
      case 'condexpr':
        this.expr(node.test, sym);
        this.expr(node.expr1, sym);
        if (node.expr2) this.expr(node.expr2, sym);
        return;
      case 'list':
      case 'tuple':
        for (const item of node.items) this.expr(item, sym);
        return;
      case 'dict':
        for (const [key, value] of node.items) {
          this.expr(key, sym);
          this.expr(value, sym);
        }
        return;
      case 'nsref':
        this.load(node.name, sym);
        return;
    }
  }
}
