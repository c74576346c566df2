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

const isLower = (v: PyValue) => /\p{L}/u.test(pyStr(v)) && pyStr(v) === pyStr(v).toLowerCase();
const isUpper = (v: PyValue) => /\p{L}/u.test(pyStr(v)) && pyStr(v) === pyStr(v).toUpperCase();
const isSame = (v: PyValue, o: PyValue) => v === o || (v instanceof PyObject ? false : pyEquals(v, o) && typeof v === typeof o);

function ordered(op: '<' | '<=' | '>' | '>='): TestFn {
  return one(op, (v, o) => {
    if (v instanceof Undefined) v.fail(pyRepr);
    if (o instanceof Undefined) o.fail(pyRepr);
    return pyOrder(op, v, o);
  });
}

/** `value % divisor == remainder`, with Python's operators (so errors are Python's). */
function modulo(divisor: PyValue | null, remainder: number): TestFn {
  return (v, args, kwargs, rt) => {
    const num = divisor ?? (bindArgs('divisibleby', [['num']], args, kwargs)[0] as PyValue);
    return pyEquals(binaryOp('%', v, num, rt.budget), remainder);
  };
}

const TYPE_TESTS: [string, (v: PyValue) => boolean][] = [
  ['defined', (v) => !(v instanceof Undefined)],
  ['undefined', (v) => v instanceof Undefined],
  ['none', (v) => v === null],
  ['boolean', (v) => typeof v === 'boolean'],
  ['false', (v) => v === false],
  ['true', (v) => v === true],
  ['integer', (v) => isInt(v)],
  ['float', (v) => isFloat(v)],
  ['number', (v) => numericKind(v) !== 0 || v instanceof PyComplex],
  ['string', (v) => typeof v === 'string'],
  ['mapping', (v) => isMapping(v)],
  ['sequence', isSequence],
  ['iterable', isIterable],
  ['callable', (v) => v instanceof PyCallable],
  ['escaped', () => false],
  ['lower', isLower],
  ['upper', isUpper],
];

export function jinjaTests(): Map<string, TestFn> {
  const tests = new Map<string, TestFn>(TYPE_TESTS.map(([name, fn]) => [name, none(name, fn)]));
  const add = (names: string[], fn: TestFn) => {
    for (const name of names) tests.set(name, fn);
  };
  add(['sameas'], one('sameas', isSame));
  add(['divisibleby'], modulo(null, 0));
  add(['even'], modulo(2, 0));
  add(['odd'], modulo(2, 1));
  add(['in'], (v, args, kwargs, rt) => contains(bindArgs('in', [['seq']], args, kwargs)[0] as PyValue, v, rt));
  add(
    ['eq', 'equalto', '=='],
    one('eq', (v, o) => pyEquals(v, o)),
  );
  add(
    ['ne', '!='],
    one('ne', (v, o) => !pyEquals(v, o)),
  );
  add(['lt', 'lessthan', '<'], ordered('<'));
  add(['le', '<='], ordered('<='));
  add(['gt', 'greaterthan', '>'], ordered('>'));
  add(['ge', '>='], ordered('>='));
  add(['filter'], (v, _a, _k, rt) => typeof v === 'string' && rt.hasFilter(v));
  add(['test'], (v, _a, _k, rt) => typeof v === 'string' && rt.hasTest(v));
  return tests;
}
