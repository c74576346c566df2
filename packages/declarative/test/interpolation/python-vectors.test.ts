// Differential vectors: templates evaluated by Jinja 3.1 with the Python CDK's eval rules under
// Python 3.11 (vectors/*.json say how they were made), covering what the corpus does not: every
// operator, str/list/dict method, filter, test and statement, datetime arithmetic, strftime and
// strptime, and literal_eval. Each must give Python's repr and type, or its exception class (and
// message, where Tributary prints the same text).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  contextFromJson,
  fixedClock,
  interpolate,
  PyObject,
  PythonError,
  type PyValue,
  parseJsonText,
  pythonRepr,
  pythonTypeName,
} from '../../src/interpolation/index.js';

interface Vector {
  template: string;
  context: string;
  default?: string;
  type?: string;
  repr?: string;
  error?: string;
  message?: string;
}

const clock = fixedClock('2024-06-15T12:34:56.789012+00:00');
const here = new URL('.', import.meta.url).pathname;

function corpusType(name: string): string {
  if (name === 'NoneType') return 'none';
  return ['int', 'float', 'str', 'bool', 'list', 'dict', 'tuple', 'set', 'bytes'].includes(name) ? name : 'other';
}

/** A fresh copy of a context (statements may mutate it); immutable engine objects are shared. */
function copy(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value === 'object' && value !== null && !(value instanceof PyObject)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}

function check(vector: Vector, contexts: Record<string, unknown>): string | null {
  const context = contextFromJson(contexts[vector.context] as Record<string, unknown>);
  try {
    const value = interpolate(vector.template, context, { clock, default: vector.default });
    const got = `${corpusType(pythonTypeName(value))} ${pythonRepr(value)}`;
    if (vector.error !== undefined) return `expected ${vector.error}, got ${got}`;
    const want = `${vector.type} ${vector.repr}`;
    return got === want ? null : `expected ${want}, got ${got}`;
  } catch (error) {
    if (!(error instanceof PythonError)) return `unexpected ${String((error as Error).stack)}`;
    if (vector.error === undefined) return `expected ${vector.type} ${vector.repr}, raised ${error.pyClass}: ${error.message}`;
    if (error.pyClass !== vector.error) return `expected ${vector.error}, raised ${error.pyClass}: ${error.message}`;
    if (vector.message !== undefined && error.message !== vector.message)
      return `expected message ${JSON.stringify(vector.message)}, got ${JSON.stringify(error.message)}`;
    return null;
  }
}

describe('Python vectors', () => {
  for (const name of [
    'arithmetic-and-strings',
    'filters-and-tests',
    'statements',
    'datetime-and-literals',
    'manifest-templates-odd-values',
  ]) {
    test(name, () => {
      // Parsed per case with Python's number types (big ints exact), so statements that mutate the context stay isolated.
      const doc = parseJsonText(readFileSync(join(here, 'vectors', `${name}.json`), 'utf8')) as unknown as {
        contexts: Record<string, PyValue>;
        cases: Vector[];
      };
      const contextsOf = () => copy(doc.contexts as unknown as PyValue) as unknown as Record<string, unknown>;
      const failures = doc.cases
        .map((vector) => [vector, check(vector, contextsOf())] as const)
        .filter(([, problem]) => problem !== null)
        .map(
          ([vector, problem]) => `${JSON.stringify(vector.template)}${vector.default !== undefined ? ' (with default)' : ''}: ${problem}`,
        );
      assert.ok(doc.cases.length > 100, 'vectors present');
      assert.deepEqual(failures, []);
    });
  }
});
