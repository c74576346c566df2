// Python's names for a value's type, as error messages print them.
import { PyFloat } from './number.js';
import { PyObject, type PyValue } from './object.js';

/** `type(value).__name__`. */
export function pyTypeName(value: PyValue): string {
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'string':
      return 'str';
    default:
      if (value === null) return 'NoneType';
      if (Array.isArray(value)) return 'list';
      if (value instanceof PyObject) return value.pyType;
      return 'dict';
  }
}

/** Jinja's `object_type_repr`: `dict object`, `datetime.datetime object`, `None`. */
export function objectTypeRepr(value: PyValue): string {
  if (value === null) return 'None';
  if (value instanceof PyObject) {
    if (value.pyType === 'ellipsis') return 'Ellipsis';
    return `${value.pyQualType} object`;
  }
  return `${pyTypeName(value)} object`;
}

export function isPyFloatValue(value: PyValue): boolean {
  return value instanceof PyFloat || (typeof value === 'number' && !Number.isInteger(value));
}
