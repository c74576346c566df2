// What a compiled template looks names up in besides its context: filters, tests and globals.
import type { PyValue } from '../values/object.js';
import type { Kwargs, Runtime } from './runtime-api.js';

export type FilterFn = (value: PyValue, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;
export type TestFn = (value: PyValue, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => boolean;

export interface Environment {
  readonly filters: ReadonlyMap<string, FilterFn>;
  readonly tests: ReadonlyMap<string, TestFn>;
  readonly globals: ReadonlyMap<string, PyValue>;
}
