// Runs the interpolation oracle of the declarative corpus (../shared/declarative/jinja/) through
// the engine: each row's context is assembled as the corpus README says, the template evaluated
// with and without itself as its default, and the outcome compared with the Python CDK's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  contextFromJson,
  fixedClock,
  interpolate,
  type PlainDict,
  PythonError,
  type PyValue,
  parseJsonText,
  pythonRepr,
  pythonTypeName,
} from '../../src/interpolation/index.js';

export const CORPUS = process.env.TRIBUTARY_DECLARATIVE_CORPUS ?? '/work/shared/declarative';
const JINJA = join(CORPUS, 'jinja');

interface PyResult {
  type?: string;
  repr?: string;
  error?: string;
  message?: string;
}

interface Row {
  id?: string;
  connector: string | null;
  template: string;
  context: string | PlainDict;
  slice?: PyValue;
  parameters?: PyValue;
  nondeterministic?: boolean;
  result: PyResult;
  with_default_template: { result: PyResult };
}

export interface Outcome {
  label: string;
  template: string;
  expected: PyResult;
  actual: PyResult;
  agrees: boolean;
  messageAgrees: boolean;
}

const clock = fixedClock('2024-06-15T12:34:56.789012+00:00');

/** The corpus's type names for a Python value. */
function corpusType(value: PyValue): string {
  const name = pythonTypeName(value);
  if (name === 'NoneType') return 'none';
  return ['int', 'float', 'str', 'bool', 'list', 'dict', 'tuple', 'set', 'bytes'].includes(name) ? name : 'other';
}

function run(template: string, context: PlainDict, withDefault: boolean): PyResult {
  try {
    const value = interpolate(template, context, withDefault ? { clock, default: template } : { clock });
    return { type: corpusType(value), repr: pythonRepr(value) };
  } catch (error) {
    if (error instanceof PythonError) return { error: error.pyClass, message: error.message };
    return { error: `JavaScript ${(error as Error).name}`, message: String((error as Error).stack) };
  }
}

/** The CDK's message up to where it prints the context (which holds secrets; Tributary does not print it). */
function comparableMessage(message: string | undefined): string {
  return (message ?? '').replace(/\. (Context|Available variables): [\s\S]*$/, '');
}

function compare(label: string, template: string, expected: PyResult, actual: PyResult, nondeterministic: boolean): Outcome {
  let agrees: boolean;
  if (expected.error !== undefined) agrees = actual.error === expected.error;
  else if (nondeterministic) agrees = actual.type === expected.type;
  else agrees = actual.type === expected.type && actual.repr === expected.repr;
  const messageAgrees = expected.error === undefined || comparableMessage(actual.message) === comparableMessage(expected.message);
  return { label, template, expected, actual, agrees, messageAgrees };
}

function readRows(file: string): Row[] {
  return readFileSync(join(JINJA, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parseJsonText(line) as unknown as Row);
}

const configs = new Map<string, PlainDict>();
function configOf(connector: string): PlainDict {
  let config = configs.get(connector);
  if (config === undefined) {
    config = parseJsonText(readFileSync(join(CORPUS, 'configs', `${connector}.json`), 'utf8')) as PlainDict;
    configs.set(connector, config);
  }
  return config;
}

/** The context of a cases.jsonl row: config, the named context's kwargs, the row's slice and parameters. */
function caseContext(row: Row, contexts: Record<string, { kwargs: PlainDict }>): PlainDict {
  const name = row.context as string;
  const assembled: Record<string, unknown> = { config: configOf(row.connector!), ...contexts[name].kwargs };
  if (row.slice !== null && row.slice !== undefined) assembled.stream_slice = row.slice;
  if (row.parameters !== null && row.parameters !== undefined) assembled.parameters = row.parameters;
  return contextFromJson(assembled);
}

function evaluateRows(
  rows: Row[],
  contextOf: (row: Row) => PlainDict,
  labelOf: (row: Row) => string,
): { plain: Outcome[]; withDefault: Outcome[] } {
  const plain: Outcome[] = [];
  const withDefault: Outcome[] = [];
  for (const row of rows) {
    const context = contextOf(row);
    const nondeterministic = row.nondeterministic === true;
    plain.push(compare(labelOf(row), row.template, row.result, run(row.template, context, false), nondeterministic));
    withDefault.push(
      compare(
        `${labelOf(row)} (with default)`,
        row.template,
        row.with_default_template.result,
        run(row.template, context, true),
        nondeterministic,
      ),
    );
  }
  return { plain, withDefault };
}

let casesResult: { plain: Outcome[]; withDefault: Outcome[] } | null = null;
let focusedResult: { plain: Outcome[]; withDefault: Outcome[] } | null = null;

/** Outcomes of cases.jsonl (computed once per process). */
export function runCases(): { plain: Outcome[]; withDefault: Outcome[] } {
  casesResult ??= evaluateCases();
  return casesResult;
}

/** Outcomes of focused.jsonl (computed once per process). */
export function runFocused(): { plain: Outcome[]; withDefault: Outcome[] } {
  focusedResult ??= evaluateFocused();
  return focusedResult;
}

function evaluateCases(): { plain: Outcome[]; withDefault: Outcome[] } {
  const contexts = (
    parseJsonText(readFileSync(join(JINJA, 'contexts.json'), 'utf8')) as unknown as { contexts: Record<string, { kwargs: PlainDict }> }
  ).contexts;
  return evaluateRows(
    readRows('cases.jsonl'),
    (row) => caseContext(row, contexts),
    (row) => `${row.connector} ${row.context}`,
  );
}

function evaluateFocused(): { plain: Outcome[]; withDefault: Outcome[] } {
  return evaluateRows(
    readRows('focused.jsonl'),
    (row) => {
      const ctx = row.context as unknown as { config: PlainDict; kwargs: PlainDict };
      return contextFromJson({ config: ctx.config, ...ctx.kwargs });
    },
    (row) => `focused ${row.id}`,
  );
}

export function describe(outcome: Outcome): string {
  const show = (r: PyResult) => (r.error !== undefined ? `${r.error}: ${(r.message ?? '').slice(0, 160)}` : `${r.type} ${r.repr}`);
  return `${outcome.label}\n    template: ${JSON.stringify(outcome.template).slice(0, 200)}\n    python:   ${show(outcome.expected)}\n    tributary: ${show(outcome.actual)}`;
}
