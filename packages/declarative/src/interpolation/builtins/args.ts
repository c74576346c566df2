// Binding call arguments to a native function's parameters with Python's rules and messages.
import { typeError } from '../errors.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { MISSING, type Missing, type PyValue } from '../values/object.js';

/** A parameter: its name, and its default (omit for a required one). */
export type Param = readonly [name: string, defaultValue?: PyValue | Missing];

/**
 * Binds positional and keyword arguments to `params`; optional parameters without a default come
 * back as MISSING. `varargs` collects surplus positional arguments into the last slot.
 */
export function bindArgs(
  fname: string,
  params: readonly Param[],
  args: readonly PyValue[],
  kwargs: Kwargs,
  options: { positionalOnly?: boolean; varargs?: boolean } = {},
): (PyValue | Missing)[] {
  const slots = options.varargs ? params.length - 1 : params.length;
  const bound: (PyValue | Missing | undefined)[] = new Array(params.length).fill(undefined);
  if (args.length > slots && !options.varargs) {
    const required = params.filter((p) => p.length === 1).length;
    const range = required === params.length ? `${params.length}` : `from ${required} to ${params.length}`;
    throw typeError(`${fname}() takes ${range} positional argument${params.length === 1 ? '' : 's'} but ${args.length} were given`);
  }
  for (let i = 0; i < Math.min(args.length, slots); i++) bound[i] = args[i];
  if (options.varargs) bound[slots] = args.slice(slots);
  if (kwargs !== null) {
    if (options.positionalOnly && kwargs.size) throw typeError(`${fname}() takes no keyword arguments`);
    for (const [key, value] of kwargs) {
      const index = params.findIndex((p) => p[0] === key);
      if (index < 0 || index >= slots) throw typeError(`${fname}() got an unexpected keyword argument '${key}'`);
      if (bound[index] !== undefined) throw typeError(`${fname}() got multiple values for argument '${key}'`);
      bound[index] = value;
    }
  }
  const missing = params.filter((p, i) => bound[i] === undefined && p.length === 1 && i < slots).map((p) => `'${p[0]}'`);
  if (missing.length) {
    throw typeError(
      `${fname}() missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${missing.join(' and ')}`,
    );
  }
  return bound.map((value, i) => (value === undefined ? (params[i].length > 1 ? (params[i][1] as PyValue | Missing) : MISSING) : value));
}

/** Refuses keyword arguments and more than `max` positional ones, like C builtins do. */
export function checkPositional(fname: string, args: readonly PyValue[], kwargs: Kwargs, min: number, max: number): void {
  if (kwargs?.size) throw typeError(`${fname}() takes no keyword arguments`);
  if (args.length > max) {
    throw typeError(
      max === 0
        ? `${fname}() takes no arguments (${args.length} given)`
        : `${fname} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`,
    );
  }
  if (args.length < min) throw typeError(`${fname} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
}

/** A method taking only positional arguments (between min and max of them), as most C builtins do. */
export function positional<T>(
  fname: string,
  min: number,
  max: number,
  fn: (self: T, args: readonly PyValue[], rt: Runtime) => PyValue,
): (self: T, args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue {
  return (self, args, kwargs, rt) => {
    checkPositional(fname, args, kwargs, min, max);
    return fn(self, args, rt);
  };
}
