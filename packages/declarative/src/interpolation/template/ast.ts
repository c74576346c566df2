// The template syntax tree: Jinja's node types for the language subset templates can use.
import type { PyValue } from '../values/object.js';

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'notin';

export interface CallParts {
  readonly args: readonly Expr[];
  readonly kwargs: readonly (readonly [string, Expr])[];
  readonly dynArgs: Expr | null;
  readonly dynKwargs: Expr | null;
}

export type Expr =
  | { readonly kind: 'const'; readonly value: PyValue }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'getattr'; readonly node: Expr; readonly attr: string }
  | { readonly kind: 'getitem'; readonly node: Expr; readonly arg: Expr }
  | { readonly kind: 'slice'; readonly start: Expr | null; readonly stop: Expr | null; readonly step: Expr | null }
  | ({ readonly kind: 'call'; readonly node: Expr } & CallParts)
  | ({ readonly kind: 'filter'; readonly node: Expr | null; readonly name: string } & CallParts)
  | ({ readonly kind: 'test'; readonly node: Expr; readonly name: string } & CallParts)
  | { readonly kind: 'binary'; readonly op: BinaryOperator; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | 'not'; readonly node: Expr }
  | { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'concat'; readonly nodes: readonly Expr[] }
  | { readonly kind: 'compare'; readonly expr: Expr; readonly ops: readonly (readonly [CompareOperator, Expr])[] }
  | { readonly kind: 'condexpr'; readonly test: Expr; readonly expr1: Expr; readonly expr2: Expr | null }
  | { readonly kind: 'list' | 'tuple'; readonly items: readonly Expr[] }
  | { readonly kind: 'dict'; readonly items: readonly (readonly [Expr, Expr])[] }
  | { readonly kind: 'nsref'; readonly name: string; readonly attr: string };

export type Stmt =
  | { readonly kind: 'output'; readonly nodes: readonly (Expr | string)[] }
  | {
      readonly kind: 'if';
      readonly test: Expr;
      readonly body: readonly Stmt[];
      readonly elifs: readonly (readonly [Expr, readonly Stmt[]])[];
      readonly else_: readonly Stmt[];
    }
  | {
      readonly kind: 'for';
      readonly target: Expr;
      readonly iter: Expr;
      readonly body: readonly Stmt[];
      readonly else_: readonly Stmt[];
      readonly test: Expr | null;
      readonly recursive: boolean;
    }
  | { readonly kind: 'assign'; readonly target: Expr; readonly expr: Expr }
  | { readonly kind: 'assignblock'; readonly target: Expr; readonly filter: Expr | null; readonly body: readonly Stmt[] }
  | { readonly kind: 'with'; readonly targets: readonly Expr[]; readonly values: readonly Expr[]; readonly body: readonly Stmt[] }
  | { readonly kind: 'autoescape'; readonly expr: Expr; readonly body: readonly Stmt[] }
  | { readonly kind: 'filterblock'; readonly filter: Expr; readonly body: readonly Stmt[] }
  | {
      readonly kind: 'macro';
      readonly name: string;
      readonly params: readonly string[];
      readonly defaults: readonly Expr[];
      readonly body: readonly Stmt[];
    }
  | {
      readonly kind: 'callblock';
      readonly call: Expr;
      readonly params: readonly string[];
      readonly defaults: readonly Expr[];
      readonly body: readonly Stmt[];
    }
  | { readonly kind: 'unsupported'; readonly tag: string };
