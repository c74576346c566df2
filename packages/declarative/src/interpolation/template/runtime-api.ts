// What built-in functions, methods, filters and tests receive to reach the evaluator (attribute
// access, calls, other filters and tests, the clock, the sandbox budget) without importing it.
import type { Budget } from '../limits.js';
import type { PyValue } from '../values/object.js';

export type Kwargs = ReadonlyMap<string, PyValue> | null;

export interface Runtime {
  readonly budget: Budget;
  /** The current time in microseconds since the epoch (the injectable clock). */
  nowMicros(): number;
  /** Jinja's sandboxed `obj.name`. */
  getattr(obj: PyValue, name: string): PyValue;
  /** Jinja's sandboxed `obj[key]`. */
  getitem(obj: PyValue, key: PyValue): PyValue;
  call(callee: PyValue, args: readonly PyValue[], kwargs: Kwargs): PyValue;
  /** Everything `for x in value` yields (consumes iterators). */
  iterate(value: PyValue): PyValue[];
  callFilter(name: string, value: PyValue, args: readonly PyValue[], kwargs: Kwargs): PyValue;
  callTest(name: string, value: PyValue, args: readonly PyValue[], kwargs: Kwargs): boolean;
  hasFilter(name: string): boolean;
  hasTest(name: string): boolean;
}

export type NativeFunction = (args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue;
