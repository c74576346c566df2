import { ConnectorError } from '../errors/connector-error.js';

/**
 * The deepest nesting of objects and arrays accepted in a config, catalog or state. Real inputs
 * stay under a few dozen levels; 1,000 is also the recursion limit that bounds what the Python
 * CDK can read. Deeper input is refused up front, so no later step (validation, cloning, state
 * handling) can overflow the stack on it.
 */
export const MAX_INPUT_DEPTH = 1000;

const BOM = '\uFEFF';

/** Drops a UTF-8 byte order mark: editors on Windows write one, and `JSON.parse` rejects it. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** Why a parsed JSON input cannot be used. */
export type JsonInputProblem = { kind: 'too-deep' } | { kind: 'non-finite'; path: string };

interface Pending {
  value: unknown;
  depth: number;
  parent: Pending | undefined;
  key: string | number | undefined;
}

/**
 * The first problem of a parsed JSON value: nesting deeper than `maxDepth`, or a number that
 * parsed to ±Infinity (`1e400`), with its path. Walks with its own stack, so any depth is safe.
 */
export function findJsonInputProblem(value: unknown, maxDepth = MAX_INPUT_DEPTH): JsonInputProblem | undefined {
  const stack: Pending[] = [{ value, depth: 0, parent: undefined, key: undefined }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const current = entry.value;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { kind: 'non-finite', path: pathOf(entry) };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const depth = entry.depth + 1;
    if (depth > maxDepth) return { kind: 'too-deep' };
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) stack.push({ value: current[index], depth, parent: entry, key: index });
    } else {
      const keys = Object.keys(current);
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index] as string;
        stack.push({ value: (current as Record<string, unknown>)[key], depth, parent: entry, key });
      }
    }
  }
  return undefined;
}

/**
 * Refuses an input too deep or holding a non-finite number, with a `config_error` naming it
 * (`label`: "config file 'config.json'") and, for a number, where it is.
 */
export function assertUsableJsonInput(value: unknown, label: string): void {
  const problem = findJsonInputProblem(value);
  if (problem === undefined) return;
  if (problem.kind === 'too-deep') {
    throw ConnectorError.config(
      `The ${label} is nested too deeply: objects and arrays may be nested at most ${MAX_INPUT_DEPTH.toLocaleString('en-US')} levels deep`,
    );
  }
  throw ConnectorError.config(
    `The ${label} holds a number too large to represent at ${problem.path || '(top level)'}: it reads as Infinity (as 1e400 does); use a finite number`,
  );
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `count`, `streams[0].stream.json_schema`, `headers["x-key"]`: a readable path to the entry. */
function pathOf(entry: Pending): string {
  const parts: string[] = [];
  for (let node: Pending | undefined = entry; node?.parent !== undefined; node = node.parent) {
    const { key } = node;
    if (typeof key === 'number') parts.push(`[${key}]`);
    else if (IDENTIFIER.test(key as string)) parts.push(node.parent.parent === undefined ? (key as string) : `.${key}`);
    else parts.push(`[${JSON.stringify(key)}]`);
  }
  return parts.reverse().join('');
}
