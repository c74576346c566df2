// Jinja's default `Undefined`: what a missing variable, key or attribute evaluates to. It renders
// as '', is falsy, iterates as empty and has length 0; most other uses raise UndefinedError
// (or SecurityError, for the sandbox's "unsafe attribute" undefined).
import { PythonError } from '../errors.js';
import { MISSING, type Missing, type NotImplemented, PyObject, type PyValue } from './object.js';
import { objectTypeRepr } from './type-name.js';

export class Undefined extends PyObject {
  constructor(
    readonly hint: string | null,
    readonly obj: PyValue | Missing = MISSING,
    readonly name: PyValue | Missing = MISSING,
    readonly exc: string = 'UndefinedError',
  ) {
    super();
  }

  get pyType(): string {
    return 'Undefined';
  }
  override get pyQualType(): string {
    return 'jinja2.runtime.Undefined';
  }
  repr(): string {
    return 'Undefined';
  }
  override str(): string {
    return '';
  }
  override truthy(): boolean {
    return false;
  }
  override equals(other: PyValue): boolean | NotImplemented {
    return other instanceof Undefined;
  }
  override hashKey(): string | null {
    return 'Undefined';
  }

  /** Jinja's `_undefined_message`. */
  message(reprName: (name: PyValue) => string): string {
    if (this.hint !== null) return this.hint;
    if (this.name === MISSING) return 'Undefined is undefined';
    if (this.obj === MISSING) return `${reprName(this.name)} is undefined`;
    if (typeof this.name !== 'string') return `${objectTypeRepr(this.obj)} has no element ${reprName(this.name)}`;
    return `'${objectTypeRepr(this.obj)}' has no attribute ${reprName(this.name)}`;
  }

  /** Raises the error Jinja raises when an undefined value is used. */
  fail(reprName: (name: PyValue) => string): never {
    throw new PythonError(this.exc, this.message(reprName));
  }
}

/** A variable that is not in the context (or a name Jinja resolves at run time). */
export function undefinedVariable(name: string): Undefined {
  return new Undefined(null, MISSING, name);
}
