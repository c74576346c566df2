// Compiles a template's syntax tree once into closures, so evaluating it (per record, in issue 16's
// hot path) is a walk over prebuilt functions: no re-parsing, no eval, few allocations.
import { findMethod } from '../builtins/attributes.js';
import { escapeHtml } from '../builtins/html-escape.js';
import { PythonError, typeError, valueError } from '../errors.js';
import { Budget, DEFAULT_LIMITS } from '../limits.js';
import { pyEquals, pyOrder, truthy } from '../values/compare.js';
import { PyTuple } from '../values/containers.js';
import { dictFromEntries, isMapping, isPlainDict, mappingEntries } from '../values/dict.js';
import type { PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { PySlice } from '../values/slice.js';
import { Undefined } from '../values/undefined.js';
import type { CallParts, CompareOperator, Expr, Stmt } from './ast.js';
import { cloneConstant, containsSlice, hasSafeRepr, NOT_CONSTANT, notConstant } from './constant-folding.js';
import type { Environment } from './environment.js';
import { LoopContext } from './loop-context.js';
import { Macro, type MacroDefinition } from './macro.js';
import { Namespace } from './namespace.js';
import { binaryOp, callValue, contains, sandboxGetattr, sandboxGetitem, subscript, unaryOp } from './operations.js';
import { EvalRuntime, Frame } from './runtime.js';
import type { Kwargs } from './runtime-api.js';
import { TEMPLATE_REFERENCE } from './template-reference.js';

export type Ev = (frame: Frame) => PyValue;
export type Render = (frame: Frame) => string;

/** Filters that need the template context, which Jinja's optimizer therefore never folds. */
const CONTEXT_FILTERS = new Set(['map', 'select', 'reject', 'selectattr', 'rejectattr', 'random']);

const DICT_ATTRIBUTES = new Set(['get', 'keys', 'values', 'items', 'pop', 'popitem', 'copy', 'update', 'clear', 'setdefault', 'fromkeys']);

function mentions(nodes: unknown, name: string): boolean {
  if (Array.isArray(nodes)) return nodes.some((n) => mentions(n, name));
  if (typeof nodes !== 'object' || nodes === null) return false;
  const node = nodes as { kind?: string; name?: string };
  if (node.kind === 'name' && node.name === name) return true;
  return Object.values(node).some((child) => typeof child === 'object' && mentions(child, name));
}

/** Every name the template binds somewhere (others are looked up in the context directly). */
function boundNames(nodes: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(nodes)) {
    for (const n of nodes) boundNames(n, out);
    return out;
  }
  if (typeof nodes !== 'object' || nodes === null) return out;
  const node = nodes as Stmt;
  const addTarget = (target: Expr) => {
    if (target.kind === 'name') out.add(target.name);
    if (target.kind === 'tuple') target.items.forEach(addTarget);
  };
  switch (node.kind) {
    case 'for':
      addTarget(node.target);
      out.add('loop');
      break;
    case 'assign':
    case 'assignblock':
      addTarget(node.target);
      break;
    case 'with':
      node.targets.forEach(addTarget);
      break;
    case 'macro':
      out.add(node.name);
      for (const p of node.params) out.add(p);
      out.add('varargs').add('kwargs').add('caller');
      break;
    case 'callblock':
      for (const p of node.params) out.add(p);
      out.add('varargs').add('kwargs').add('caller');
      break;
  }
  for (const child of Object.values(node)) if (typeof child === 'object') boundNames(child, out);
  return out;
}

export function compileTemplateBody(body: readonly Stmt[], env: Environment): (rt: EvalRuntime) => string {
  const compiler = new Compiler(env, boundNames(body, new Set()));
  const render = compiler.statements(body, false);
  return (rt) => render(new Frame(rt, null));
}

/**
 * The value of a template that is one `{{ expression }}` and nothing else, before it is printed:
 * what the CDK would parse back from its text, for the values that print and parse back to
 * themselves. Null for any other template.
 */
export function compileTemplateValue(body: readonly Stmt[], env: Environment): ((rt: EvalRuntime) => PyValue) | null {
  const only = body.length === 1 ? body[0] : undefined;
  if (only?.kind !== 'output' || only.nodes.length !== 1) return null;
  const node = only.nodes[0];
  if (typeof node === 'string' || containsSlice(node)) return null;
  const ev = new Compiler(env, boundNames(body, new Set())).expr(node, false);
  return (rt) => ev(new Frame(rt, null));
}

class Compiler {
  /** Inside {% autoescape true %}: expression output is HTML-escaped. */
  private autoescape = false;
  /** Compiling a constant expression to evaluate now, as Jinja's optimizer does. */
  private folding = false;

  constructor(
    private readonly env: Environment,
    private readonly bound: ReadonlySet<string>,
  ) {}

  statements(stmts: readonly Stmt[], soft: boolean): Render {
    const parts = stmts.map((stmt) => this.statement(stmt, soft));
    if (parts.length === 0) return () => '';
    if (parts.length === 1) return parts[0];
    return (frame) => {
      let out = '';
      for (const part of parts) {
        out += part(frame);
        frame.rt.budget.checkString(out.length);
      }
      return out;
    };
  }

  private statement(stmt: Stmt, soft: boolean): Render {
    switch (stmt.kind) {
      case 'output':
        return this.output(stmt.nodes, soft);
      case 'if':
        return this.ifStatement(stmt, soft);
      case 'for':
        return this.forStatement(stmt, soft);
      case 'assign':
      case 'assignblock':
      case 'with':
        return this.binding(stmt, soft);
      case 'autoescape': {
        const enabled = this.expr(stmt.expr, soft);
        const saved = this.autoescape;
        this.autoescape = true;
        const escaped = this.statements(stmt.body, soft);
        this.autoescape = false;
        const plain = this.statements(stmt.body, soft);
        this.autoescape = saved;
        return (frame) => (truthy(enabled(frame)) ? escaped(frame) : plain(frame));
      }
      case 'filterblock': {
        const filtered = this.filterChain(stmt.filter, this.statements(stmt.body, soft), soft);
        return (frame) => pyStr(filtered(frame));
      }
      case 'macro': {
        const definition = this.macroDefinition(stmt.name, stmt.params, stmt.defaults, stmt.body, soft);
        return (frame) => {
          frame.set(stmt.name, new Macro(definition, frame));
          return '';
        };
      }
      case 'callblock':
        return this.callBlock(stmt, soft);
      case 'unsupported':
        return () => {
          throw typeError('no loader for this environment specified');
        };
    }
  }

  /** {% set x = ... %}, {% set x %}...{% endset %} and {% with %}. */
  private binding(stmt: Extract<Stmt, { kind: 'assign' | 'assignblock' | 'with' }>, soft: boolean): Render {
    switch (stmt.kind) {
      case 'assign': {
        const value = this.expr(stmt.expr, soft);
        const assign = this.target(stmt.target, soft);
        return (frame) => {
          assign(frame, value(frame));
          return '';
        };
      }
      case 'assignblock': {
        const body = this.statements(stmt.body, soft);
        const filtered = stmt.filter ? this.filterChain(stmt.filter, body, soft) : body;
        const assign = this.target(stmt.target, soft);
        return (frame) => {
          assign(frame, filtered(frame));
          return '';
        };
      }
      default: {
        const values = stmt.values.map((v) => this.expr(v, soft));
        const targets = stmt.targets.map((t) => this.target(t, soft));
        const body = this.statements(stmt.body, soft);
        return (frame) => {
          const inner = new Frame(frame.rt, frame);
          for (let i = 0; i < targets.length; i++) targets[i](inner, values[i](frame));
          return body(inner);
        };
      }
    }
  }

  private output(nodes: readonly (Expr | string)[], soft: boolean): Render {
    const parts = nodes.map((node) => (typeof node === 'string' ? node : (this.folded(node) ?? this.escaped(this.expr(node, soft)))));
    if (parts.length === 1) {
      const only = parts[0];
      if (typeof only === 'string') return () => only;
      return (frame) => pyStr(only(frame));
    }
    return (frame) => {
      let out = '';
      for (const part of parts) out += typeof part === 'string' ? part : pyStr(part(frame));
      frame.rt.budget.checkString(out.length);
      return out;
    };
  }

  /** A printed expression Jinja's optimizer folds: its text, or null when it cannot be folded. */
  private folded(node: Expr): string | null {
    if (!containsSlice(node)) return null;
    const value = this.fold(node);
    if (value === NOT_CONSTANT) return null;
    const text = pyStr(value);
    return this.autoescape ? escapeHtml(text) : text;
  }

  /** Evaluates a constant expression now (NOT_CONSTANT when it reads variables, calls, or fails). */
  private fold(node: Expr): PyValue | typeof NOT_CONSTANT {
    const saved = this.folding;
    this.folding = true;
    try {
      return this.expr(node, true)(new Frame(new EvalRuntime(this.env, {}, new Budget(DEFAULT_LIMITS), notConstant), null));
    } catch (error) {
      if (error === NOT_CONSTANT || error instanceof PythonError) return NOT_CONSTANT;
      throw error;
    } finally {
      this.folding = saved;
    }
  }

  private escaped(ev: Ev): Ev {
    if (!this.autoescape) return ev;
    return (frame) => escapeHtml(pyStr(ev(frame)));
  }

  private ifStatement(stmt: Extract<Stmt, { kind: 'if' }>, _soft: boolean): Render {
    const branches = [[stmt.test, stmt.body] as const, ...stmt.elifs].map(
      ([test, body]) => [this.expr(test, true), this.statements(body, true)] as const,
    );
    const otherwise = this.statements(stmt.else_, true);
    return (frame) => {
      for (const [test, body] of branches) if (truthy(test(frame))) return body(frame);
      return otherwise(frame);
    };
  }

  private forStatement(stmt: Extract<Stmt, { kind: 'for' }>, soft: boolean): Render {
    const iter = this.expr(stmt.iter, soft);
    const assign = this.target(stmt.target, soft);
    const test = stmt.test ? this.expr(stmt.test, soft) : null;
    const body = this.statements(stmt.body, soft);
    const otherwise = this.statements(stmt.else_, soft);
    const usesLoop = mentions(stmt.body, 'loop');
    const run = (frame: Frame, iterable: PyValue, depth0: number): string => {
      const rt = frame.rt;
      let items = rt.iterate(iterable).slice();
      if (test !== null) {
        items = items.filter((item) => {
          rt.budget.spend(1);
          const scope = new Frame(rt, frame);
          assign(scope, item);
          return truthy(test(scope));
        });
      }
      if (items.length === 0) return otherwise(frame);
      const loop = usesLoop ? new LoopContext(items, depth0, stmt.recursive ? (next, depth) => run(frame, next, depth) : null) : null;
      let out = '';
      for (let i = 0; i < items.length; i++) {
        rt.budget.spend(1);
        const scope = new Frame(rt, frame);
        assign(scope, items[i]);
        if (loop !== null) {
          loop.index0 = i;
          scope.set('loop', loop);
        }
        out += body(scope);
        rt.budget.checkString(out.length);
      }
      return out;
    };
    return (frame) => {
      if (stmt.recursive) {
        frame.rt.budget.enter();
        try {
          return run(frame, iter(frame), 0);
        } finally {
          frame.rt.budget.leave();
        }
      }
      return run(frame, iter(frame), 0);
    };
  }

  private macroDefinition(
    name: string,
    params: readonly string[],
    defaults: readonly Expr[],
    body: readonly Stmt[],
    soft: boolean,
  ): MacroDefinition {
    return {
      name,
      params,
      defaults: defaults.map((d) => this.expr(d, soft)),
      body: this.statements(body, soft),
      catchVarargs: mentions(body, 'varargs'),
      catchKwargs: mentions(body, 'kwargs'),
      usesCaller: mentions(body, 'caller'),
    };
  }

  private callBlock(stmt: Extract<Stmt, { kind: 'callblock' }>, soft: boolean): Render {
    const definition = this.macroDefinition('caller', stmt.params, stmt.defaults, stmt.body, soft);
    const call = stmt.call as Extract<Expr, { kind: 'call' }>;
    const callee = this.expr(call.node, soft);
    const args = this.callArgs(call, soft);
    return (frame) => {
      let target = callee(frame);
      if (target instanceof Macro) target = target.withCaller(new Macro(definition, frame));
      const [positional, kwargs] = args(frame);
      return pyStr(callValue(target, positional, kwargs, frame.rt));
    };
  }

  /** Assigns to a {% set %} / {% for %} target: a name, a tuple to unpack, or a namespace attribute. */
  private target(target: Expr, soft: boolean): (frame: Frame, value: PyValue) => void {
    if (target.kind === 'name') return (frame, value) => frame.set(target.name, value);
    if (target.kind === 'nsref') {
      return (frame, value) => {
        const ns = frame.lookup(target.name);
        if (!(ns instanceof Namespace)) throw new PythonError('TemplateRuntimeError', 'cannot assign attribute on non-namespace object');
        ns.values.set(target.attr, value);
      };
    }
    if (target.kind === 'tuple') {
      const parts = target.items.map((item) => this.target(item, soft));
      return (frame, value) => {
        const items = frame.rt.iterate(value);
        if (items.length < parts.length) throw valueError(`not enough values to unpack (expected ${parts.length}, got ${items.length})`);
        if (items.length > parts.length) throw valueError(`too many values to unpack (expected ${parts.length})`);
        for (let i = 0; i < parts.length; i++) parts[i](frame, items[i]);
      };
    }
    throw new PythonError('TemplateSyntaxError', `can't assign to '${target.kind}'`);
  }

  expr(node: Expr, soft: boolean): Ev {
    if (!this.folding && node.kind !== 'const' && containsSlice(node)) {
      const value = this.fold(node);
      if (value !== NOT_CONSTANT && hasSafeRepr(value)) return () => cloneConstant(value);
    }
    switch (node.kind) {
      case 'name':
        return this.name(node.name);
      case 'const':
      case 'list':
      case 'tuple':
      case 'dict':
        return this.literal(node, soft);
      case 'getattr':
      case 'getitem':
      case 'slice':
      case 'call':
      case 'filter':
      case 'test':
        return this.access(node, soft);
      case 'nsref':
        throw new PythonError('TemplateSyntaxError', 'namespace attributes can only be assigned to');
      default:
        return this.operation(node, soft);
    }
  }

  private literal(node: Extract<Expr, { kind: 'const' | 'list' | 'tuple' | 'dict' }>, soft: boolean): Ev {
    switch (node.kind) {
      case 'const': {
        const value = node.value;
        return () => value;
      }
      case 'list': {
        const items = node.items.map((n) => this.expr(n, soft));
        return (frame) => items.map((item) => item(frame));
      }
      case 'tuple': {
        const items = node.items.map((n) => this.expr(n, soft));
        return (frame) => new PyTuple(items.map((item) => item(frame)));
      }
      default: {
        const pairs = node.items.map(([k, v]) => [this.expr(k, soft), this.expr(v, soft)] as const);
        return (frame) => dictFromEntries(pairs.map(([k, v]) => [k(frame), v(frame)] as const));
      }
    }
  }

  private access(node: Extract<Expr, { kind: 'getattr' | 'getitem' | 'slice' | 'call' | 'filter' | 'test' }>, soft: boolean): Ev {
    switch (node.kind) {
      case 'getattr':
        return this.getattr(this.expr(node.node, soft), node.attr);
      case 'getitem': {
        const obj = this.expr(node.node, soft);
        const arg = this.expr(node.arg, soft);
        // Jinja subscripts slices directly (not through the sandbox's getitem), so their errors
        // propagate, except where its optimizer folds the expression (through getitem) at compile time.
        if (node.arg.kind === 'slice' && !this.folding) return (frame) => subscript(obj(frame), arg(frame));
        if (node.arg.kind === 'const' && typeof node.arg.value === 'string') {
          // `record['id']`: sandboxGetitem's first case, with the key known when compiling.
          const key = node.arg.value;
          return (frame) => {
            const target = obj(frame);
            return isPlainDict(target) && Object.hasOwn(target, key) ? target[key] : sandboxGetitem(target, key);
          };
        }
        return (frame) => sandboxGetitem(obj(frame), arg(frame));
      }
      case 'slice': {
        const part = (e: Expr | null): Ev => (e === null ? () => null : this.expr(e, soft));
        const [start, stop, step] = [part(node.start), part(node.stop), part(node.step)];
        return (frame) => new PySlice(start(frame), stop(frame), step(frame));
      }
      case 'call':
        return this.call(node, soft);
      case 'filter':
        return this.filterChain(node, null, soft);
      default:
        return this.test(node, soft);
    }
  }

  private operation(
    node: Extract<Expr, { kind: 'binary' | 'unary' | 'and' | 'or' | 'concat' | 'compare' | 'condexpr' }>,
    soft: boolean,
  ): Ev {
    switch (node.kind) {
      case 'binary': {
        const { op } = node;
        const [left, right] = [this.expr(node.left, soft), this.expr(node.right, soft)];
        return (frame) => binaryOp(op, left(frame), right(frame), frame.rt.budget);
      }
      case 'unary': {
        const operand = this.expr(node.node, soft);
        if (node.op === 'not') return (frame) => !truthy(operand(frame));
        const op = node.op;
        return (frame) => unaryOp(op, operand(frame));
      }
      case 'and':
      case 'or': {
        const [left, right] = [this.expr(node.left, soft), this.expr(node.right, soft)];
        const stopWhen = node.kind === 'or';
        return (frame) => {
          const value = left(frame);
          return truthy(value) === stopWhen ? value : right(frame);
        };
      }
      case 'concat': {
        const parts = node.nodes.map((n) => this.expr(n, soft));
        return (frame) => {
          let out = '';
          for (const part of parts) out += pyStr(part(frame));
          frame.rt.budget.checkString(out.length);
          return out;
        };
      }
      case 'compare':
        return this.compare(node.expr, node.ops, soft);
      default:
        return this.condexpr(node, soft);
    }
  }

  private condexpr(node: Extract<Expr, { kind: 'condexpr' }>, _soft: boolean): Ev {
    const test = this.expr(node.test, true);
    const expr1 = this.expr(node.expr1, true);
    const expr2 = node.expr2 ? this.expr(node.expr2, true) : null;
    return (frame) => {
      if (truthy(test(frame))) return expr1(frame);
      if (expr2 !== null) return expr2(frame);
      return new Undefined('the inline if-expression on line 1 evaluated to false and no else section was defined.');
    };
  }

  private name(name: string): Ev {
    if (this.folding) return notConstant;
    if (name === 'self' && !this.bound.has(name)) return () => TEMPLATE_REFERENCE;
    if (!this.bound.has(name)) return (frame) => frame.rt.resolve(name);
    return (frame) => frame.lookup(name);
  }

  private getattr(obj: Ev, attr: string): Ev {
    if (DICT_ATTRIBUTES.has(attr) || attr.startsWith('_')) return (frame) => sandboxGetattr(obj(frame), attr);
    return (frame) => {
      const value = obj(frame);
      if (isPlainDict(value)) return Object.hasOwn(value, attr) ? value[attr] : new Undefined(null, value, attr);
      return sandboxGetattr(value, attr);
    };
  }

  private callArgs(parts: CallParts, soft: boolean): (frame: Frame) => [PyValue[], Kwargs] {
    const args = parts.args.map((a) => this.expr(a, soft));
    const kwargs = parts.kwargs.map(([k, v]) => [k, this.expr(v, soft)] as const);
    const dynArgs = parts.dynArgs ? this.expr(parts.dynArgs, soft) : null;
    const dynKwargs = parts.dynKwargs ? this.expr(parts.dynKwargs, soft) : null;
    if (kwargs.length === 0 && dynArgs === null && dynKwargs === null) {
      return (frame) => [args.map((a) => a(frame)), null];
    }
    return (frame) => {
      const positional = args.map((a) => a(frame));
      if (dynArgs !== null) positional.push(...frame.rt.iterate(dynArgs(frame)));
      const named = new Map<string, PyValue>(kwargs.map(([k, v]) => [k, v(frame)]));
      if (dynKwargs !== null) {
        const extra = dynKwargs(frame);
        if (!isMapping(extra)) throw typeError('argument after ** must be a mapping');
        for (const [k, v] of mappingEntries(extra)) {
          if (typeof k !== 'string') throw typeError('keywords must be strings');
          named.set(k, v);
        }
      }
      return [positional, named];
    };
  }

  private call(node: Extract<Expr, { kind: 'call' }>, soft: boolean): Ev {
    if (this.folding) return notConstant;
    const args = this.callArgs(node, soft);
    if (node.node.kind === 'getattr' && !node.node.attr.startsWith('_')) {
      const obj = this.expr(node.node.node, soft);
      const attr = node.node.attr;
      return (frame) => {
        const self = obj(frame);
        const [positional, kwargs] = args(frame);
        const method = self instanceof Undefined ? null : findMethod(self, attr);
        if (method !== null) {
          frame.rt.budget.spend(1);
          return (method as unknown as (s: PyValue, a: PyValue[], k: Kwargs, rt: EvalRuntime) => PyValue)(
            self,
            positional,
            kwargs,
            frame.rt,
          );
        }
        return callValue(sandboxGetattr(self, attr), positional, kwargs, frame.rt);
      };
    }
    const callee = this.expr(node.node, soft);
    return (frame) => {
      const fn = callee(frame);
      const [positional, kwargs] = args(frame);
      return callValue(fn, positional, kwargs, frame.rt);
    };
  }

  /** A filter chain; `input` supplies the value for a chain with no node (filter blocks, {% set %} blocks). */
  private filterChain(node: Expr, input: Ev | null, soft: boolean): Ev {
    if (node.kind !== 'filter') return this.expr(node, soft);
    const value = node.node === null ? input! : this.filterChain(node.node, input, soft);
    const args = this.callArgs(node, soft);
    const filter = this.env.filters.get(node.name);
    const name = node.name;
    if (this.folding && CONTEXT_FILTERS.has(name)) return notConstant;
    if (filter === undefined) {
      if (!soft) throw new PythonError('TemplateAssertionError', `No filter named '${name}'.`);
      return () => {
        throw new PythonError('TemplateRuntimeError', `No filter named '${name}' found.`);
      };
    }
    return (frame) => {
      const subject = value(frame);
      const [positional, kwargs] = args(frame);
      return filter(subject, positional, kwargs, frame.rt);
    };
  }

  private test(node: Extract<Expr, { kind: 'test' }>, soft: boolean): Ev {
    const value = this.expr(node.node, soft);
    const args = this.callArgs(node, soft);
    const test = this.env.tests.get(node.name);
    const name = node.name;
    if (test === undefined) {
      if (!soft) throw new PythonError('TemplateAssertionError', `No test named '${name}'.`);
      return () => {
        throw new PythonError('TemplateRuntimeError', `No test named '${name}' found.`);
      };
    }
    return (frame) => {
      const subject = value(frame);
      const [positional, kwargs] = args(frame);
      return test(subject, positional, kwargs, frame.rt);
    };
  }

  private compare(first: Expr, ops: readonly (readonly [CompareOperator, Expr])[], soft: boolean): Ev {
    const head = this.expr(first, soft);
    const rest = ops.map(([op, e]) => [op, this.expr(e, soft)] as const);
    return (frame) => {
      let left = head(frame);
      for (const [op, ev] of rest) {
        const right = ev(frame);
        if (!compareValues(op, left, right, frame.rt)) return false;
        left = right;
      }
      return true;
    };
  }
}

function compareValues(op: CompareOperator, left: PyValue, right: PyValue, rt: EvalRuntime): boolean {
  switch (op) {
    case '==':
      return pyEquals(left, right);
    case '!=':
      return !pyEquals(left, right);
    case 'in':
      return contains(right, left, rt);
    case 'notin':
      return !contains(right, left, rt);
    default:
      if (left instanceof Undefined) left.fail(pyRepr);
      if (right instanceof Undefined) right.fail(pyRepr);
      return pyOrder(op, left, right);
  }
}
