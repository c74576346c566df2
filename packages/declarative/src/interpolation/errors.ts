// Errors raised by templates carry the Python exception class the Python CDK would raise, so callers
// (and the CDK rules in interpolate.ts) can react to `UndefinedError` or `TypeError` exactly as the
// CDK's `except` clauses do.

/** Python exception classes that are subclasses of another one we test for with `isPyInstance`. */
const PY_EXCEPTION_BASES: Readonly<Record<string, string>> = {
  ISO8601Error: 'ValueError',
  UnicodeDecodeError: 'ValueError',
  UnicodeEncodeError: 'ValueError',
  UnknownTimeZoneError: 'KeyError',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  ZeroDivisionError: 'ArithmeticError',
  OverflowError: 'ArithmeticError',
  RecursionError: 'RuntimeError',
  UndefinedError: 'TemplateRuntimeError',
  SecurityError: 'TemplateRuntimeError',
  TemplateSyntaxError: 'TemplateError',
  TemplateRuntimeError: 'TemplateError',
  TemplateAssertionError: 'TemplateSyntaxError',
  FilterArgumentError: 'TemplateRuntimeError',
};

/** A Python exception raised while evaluating a template (`pyClass` is Python's class name). */
export class PythonError extends Error {
  readonly pyClass: string;
  /** For AirbyteTracedException: the Airbyte failure type (e.g. config_error). */
  readonly failureType: 'config_error' | 'system_error' | 'transient_error' | undefined;

  constructor(pyClass: string, message: string, failureType?: 'config_error' | 'system_error' | 'transient_error') {
    super(message);
    this.name = 'PythonError';
    this.pyClass = pyClass;
    this.failureType = failureType;
  }

  /** `ValueError: message`, as Python prints an exception. */
  override toString(): string {
    return `${this.pyClass}: ${this.message}`;
  }
}

/** Python's `isinstance(err, cls)` over the exception classes the engine raises. */
export function isPyInstance(error: unknown, pyClass: string): error is PythonError {
  if (!(error instanceof PythonError)) return false;
  let current: string | undefined = error.pyClass;
  while (current !== undefined) {
    if (current === pyClass) return true;
    current = PY_EXCEPTION_BASES[current];
  }
  return pyClass === 'Exception';
}

export const typeError = (message: string): PythonError => new PythonError('TypeError', message);
export const valueError = (message: string): PythonError => new PythonError('ValueError', message);
export const keyError = (message: string): PythonError => new PythonError('KeyError', message);
export const indexError = (message: string): PythonError => new PythonError('IndexError', message);
export const attributeError = (message: string): PythonError => new PythonError('AttributeError', message);
export const zeroDivisionError = (message: string): PythonError => new PythonError('ZeroDivisionError', message);
export const overflowError = (message: string): PythonError => new PythonError('OverflowError', message);
export const securityError = (message: string): PythonError => new PythonError('SecurityError', message);
export const syntaxError = (message: string): PythonError => new PythonError('TemplateSyntaxError', message);
