// The sandbox's resource bounds. Templates come from manifests (and, through the Connector
// Builder, from users), so an evaluation must not be able to exhaust memory or CPU: every string,
// collection and integer a template builds is checked against these limits, and every loop
// iteration, call and per-item step of a filter spends from a budget.
import { PythonError } from './errors.js';

/**
 * Bounds on what one template may do (output size, loop steps, recursion), so a manifest cannot
 * exhaust the connector.
 */
export interface SandboxLimits {
  /** Longest string (in UTF-16 code units) a template may build. */
  readonly maxStringLength: number;
  /** Most items in a list, tuple, dict or set a template may build. */
  readonly maxCollectionSize: number;
  /** Most evaluation steps (loop iterations, calls, items processed by filters) per evaluation. */
  readonly maxSteps: number;
  /** Deepest nesting of brackets in a template, and of macro calls at run time. */
  readonly maxDepth: number;
  /** Largest integer (in bits) arithmetic may produce. */
  readonly maxIntBits: number;
}

/** The limits templates run with unless a caller sets others. */
export const DEFAULT_LIMITS: SandboxLimits = Object.freeze({
  maxStringLength: 64 * 1024 * 1024,
  maxCollectionSize: 10_000_000,
  maxSteps: 20_000_000,
  maxDepth: 100,
  maxIntBits: 1_000_000,
});

/** Raised when a template exceeds a sandbox limit; a policy refusal, like Jinja's sandbox's own errors. */
export function limitError(what: string): PythonError {
  return new PythonError('SecurityError', `${what} exceeds the sandbox limit`);
}

/** Per-evaluation accounting against the limits. */
export class Budget {
  steps = 0;
  depth = 0;

  constructor(readonly limits: SandboxLimits) {}

  /** Back to an unspent budget. */
  reset(): void {
    this.steps = 0;
    this.depth = 0;
  }

  spend(steps: number): void {
    this.steps += steps;
    if (this.steps > this.limits.maxSteps) {
      throw limitError(`evaluation took more than ${this.limits.maxSteps} steps, which`);
    }
  }

  checkString(length: number): void {
    if (length > this.limits.maxStringLength) {
      throw limitError(`a string of ${length} characters`);
    }
  }

  checkCollection(size: number): void {
    if (size > this.limits.maxCollectionSize) {
      throw limitError(`a collection of ${size} items`);
    }
  }

  enter(): void {
    if (++this.depth > this.limits.maxDepth) {
      this.depth = 0;
      throw new PythonError('RecursionError', `maximum recursion depth of ${this.limits.maxDepth} exceeded`);
    }
  }

  leave(): void {
    this.depth--;
  }
}
