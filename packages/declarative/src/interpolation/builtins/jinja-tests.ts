// Jinja's built-in tests (jinja2.tests): `x is defined`, `x is none`, `x is divisibleby 3`, ...
import type { TestFn } from '../template/environment.js';
import { binaryOp, contains } from '../template/operations.js';
import { PyCallable } from '../values/callable.js';
import { pyEquals, pyOrder } from '../values/compare.js';
import { PyBytes, PyComplex, PyTuple } from '../values/containers.js';
import { isMapping } from '../values/dict.js';
import { PyDictView, PyIterator } from '../values/iterator.js';
import { isFloat, isInt, numericKind } from '../values/number.js';
import { PyObject, type PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { Undefined } from '../values/undefined.js';
import { bindArgs } from './args.js';

function one(name: string, fn: (value: PyValue, arg: PyValue) => boolean): TestFn {
  return (value, args, kwargs) => {
    const [arg] = bindArgs(name, [['other']], args, kwargs);
    return fn(value, arg as PyValue);
  };
}

function none(name: string, fn: (value: PyValue) => boolean): TestFn {
  return (value, args, kwargs) => {
    bindArgs(name, [], args, kwargs);
    return fn(value);
  };
}

/** Jinja's test_sequence: len() and __getitem__ both exist. */
function isSequence(value: PyValue): boolean {
  return (
    value instanceof Undefined ||
    typeof value === 'string' ||
    Array.isArray(value) ||
    isMapping(value) ||
    value instanceof PyTuple ||
    value instanceof PyBytes
  );
}

function isIterable(value: PyValue): boolean {
  return (
    typeof value === 'string' ||
    Array.isArray(value) ||
    isMapping(value) ||
    value instanceof PyTuple ||
    value instanceof PyIterator ||
    value instanceof PyDictView ||
    value instanceof Undefined ||
    (value instanceof PyObject && ['set', 'frozenset', 'bytes'].includes(value.pyType))
  );
}

export function jinjaTests(): Map<string, TestFn> {
  const tests = new Map<string, TestFn>();
  const add = (names: string[], fn: TestFn) => {
    for (const name of names) tests.set(name, fn);
  };
  add(
    ['defined'],
    none('defined', (v) => !(v instanceof Undefined)),
  );
  add(
    ['undefined'],
    none('undefined', (v) => v instanceof Undefined),
  );
  add(
    ['none'],
    none('none', (v) => v === null),
  );
  add(
    ['boolean'],
    none('boolean', (v) => typeof v === 'boolean'),
  );
  add(
    ['false'],
    none('false', (v) => v === false),
  );
  add(
    ['true'],
    none('true', (v) => v === true),
  );
  add(
    ['integer'],
    none('integer', (v) => isInt(v)),
  );
  add(
    ['float'],
    none('float', (v) => isFloat(v)),
  );
  add(
    ['number'],
    none('number', (v) => numericKind(v) !== 0 || v instanceof PyComplex),
  );
  add(
    ['string'],
    none('string', (v) => typeof v === 'string'),
  );
  add(
    ['mapping'],
    none('mapping', (v) => isMapping(v)),
  );
  add(['sequence'], none('sequence', isSequence));
  add(['iterable'], none('iterable', isIterable));
  add(
    ['callable'],
    none('callable', (v) => v instanceof PyCallable),
  );
  add(
    ['escaped'],
    none('escaped', () => false),
  );
  add(
    ['lower'],
    none('lower', (v) => /\p{L}/u.test(pyStr(v)) && pyStr(v) === pyStr(v).toLowerCase()),
  );
  add(
    ['upper'],
    none('upper', (v) => /\p{L}/u.test(pyStr(v)) && pyStr(v) === pyStr(v).toUpperCase()),
  );
  add(
    ['sameas'],
    one('sameas', (v, o) => v === o || (v instanceof PyObject ? false : pyEquals(v, o) && typeof v === typeof o)),
  );
  add(['divisibleby'], (v, args, kwargs, rt) => {
    const [num] = bindArgs('divisibleby', [['num']], args, kwargs);
    return pyEquals(binaryOp('%', v, num as PyValue, rt.budget), 0);
  });
  add(['even'], (v, _a, _k, rt) => pyEquals(binaryOp('%', v, 2, rt.budget), 0));
  add(['odd'], (v, _a, _k, rt) => pyEquals(binaryOp('%', v, 2, rt.budget), 1));
  add(['in'], (v, args, kwargs, rt) => {
    const [seq] = bindArgs('in', [['seq']], args, kwargs);
    return contains(seq as PyValue, v, rt);
  });
  add(
    ['eq', 'equalto', '=='],
    one('eq', (v, o) => pyEquals(v, o)),
  );
  add(
    ['ne', '!='],
    one('ne', (v, o) => !pyEquals(v, o)),
  );
  const ordered = (op: '<' | '<=' | '>' | '>=') =>
    one(op, (v, o) => {
      if (v instanceof Undefined) v.fail(pyRepr);
      if (o instanceof Undefined) o.fail(pyRepr);
      return pyOrder(op, v, o);
    });
  add(['lt', 'lessthan', '<'], ordered('<'));
  add(['le', '<='], ordered('<='));
  add(['gt', 'greaterthan', '>'], ordered('>'));
  add(['ge', '>='], ordered('>='));
  add(['filter'], (v, _a, _k, rt) => typeof v === 'string' && rt.hasFilter(v));
  add(['test'], (v, _a, _k, rt) => typeof v === 'string' && rt.hasTest(v));
  return tests;
}
