// The allow-list of attributes templates can reach, per Python type. Nothing else is reachable:
// a name missing here is an AttributeError (then Jinja tries the item), and names Python would
// find but the sandbox forbids (dunders, private names) are reported as such by the caller.
import { PyDate, PyDateTime, PyDuration, PyTimeDelta } from '../datetime/model.js';
import { PyTzInfo } from '../datetime/timezone.js';
import { type MethodImpl, PyBoundMethod } from '../values/callable.js';
import { CaseInsensitiveDict } from '../values/case-insensitive-dict.js';
import { PyBytes, PySet, PyTuple } from '../values/containers.js';
import { isDict } from '../values/dict.js';
import { PyFloat } from '../values/number.js';
import { MISSING, type Missing, PyObject, type PyValue } from '../values/object.js';
import { StreamSlice } from '../values/stream-slice.js';
import {
  CASE_INSENSITIVE_DICT_METHODS,
  DICT_METHODS,
  LIST_METHODS,
  MAPPING_METHODS,
  SET_METHODS,
  TUPLE_METHODS,
} from './container-methods.js';
import {
  DATE_METHODS,
  DATETIME_METHODS,
  DURATION_METHODS,
  datetimeProperty,
  durationProperty,
  TIMEDELTA_METHODS,
  TZINFO_METHODS,
  timedeltaProperty,
} from './datetime-methods.js';
import { BYTES_METHODS, FLOAT_METHODS, floatProperty, INT_METHODS, intProperty } from './number-methods.js';
import { STR_METHODS } from './str-methods.js';

const DUNDER = /^__\w+__$/;

function method(self: PyValue, name: string, table: Record<string, unknown>): PyValue | Missing {
  if (!Object.hasOwn(table, name)) return MISSING;
  return new PyBoundMethod(self, name, table[name] as MethodImpl);
}

/** The method implementation a call `obj.name(...)` runs, without allocating a bound method. */
export function findMethod(self: PyValue, name: string): MethodImpl | null {
  const table = methodTable(self);
  return table !== null && Object.hasOwn(table, name) ? (table[name] as MethodImpl) : null;
}

function methodTable(self: PyValue): Record<string, unknown> | null {
  switch (typeof self) {
    case 'string':
      return STR_METHODS;
    case 'number':
      return Number.isInteger(self) ? INT_METHODS : FLOAT_METHODS;
    case 'bigint':
    case 'boolean':
      return INT_METHODS;
    default:
      if (self === null) return null;
      if (Array.isArray(self)) return LIST_METHODS;
      if (isDict(self)) return DICT_METHODS;
      if (self instanceof StreamSlice) return MAPPING_METHODS;
      if (self instanceof CaseInsensitiveDict) return CASE_INSENSITIVE_DICT_METHODS;
      if (self instanceof PyTuple) return TUPLE_METHODS;
      if (self instanceof PySet) return SET_METHODS;
      if (self instanceof PyFloat) return FLOAT_METHODS;
      if (self instanceof PyDateTime) return DATETIME_METHODS;
      if (self instanceof PyDate) return DATE_METHODS;
      if (self instanceof PyTimeDelta) return TIMEDELTA_METHODS;
      if (self instanceof PyDuration) return DURATION_METHODS;
      if (self instanceof PyTzInfo) return TZINFO_METHODS;
      if (self instanceof PyBytes) return BYTES_METHODS;
      return null;
  }
}

function property(self: PyValue, name: string): PyValue | Missing {
  switch (typeof self) {
    case 'number':
      return Number.isInteger(self) ? intProperty(self, name) : floatProperty(self, name);
    case 'bigint':
    case 'boolean':
      return intProperty(self, name);
    default:
      if (self instanceof PyFloat) return floatProperty(self, name);
      if (self instanceof PyDate) return datetimeProperty(self, name);
      if (self instanceof PyTimeDelta) return timedeltaProperty(self, name);
      if (self instanceof StreamSlice) return streamSliceProperty(self, name);
      if (self instanceof PyDuration) {
        const own = durationProperty(self, name);
        return own !== MISSING ? own : lookupAttribute(self.tdelta, name);
      }
      if (self instanceof PyObject) return self.attribute(name);
      return MISSING;
  }
}

function streamSliceProperty(self: StreamSlice, name: string): PyValue | Missing {
  switch (name) {
    case 'partition':
    case '_partition':
      return self.partition;
    case 'cursor_slice':
    case '_cursor_slice':
      return self.cursorSlice;
    case 'extra_fields':
    case '_extra_fields':
      return self.extraFields;
    case '_stream_slice':
      return self;
    default:
      return MISSING;
  }
}

/**
 * `getattr(obj, name)` over the allow-list: the attribute's value (methods come bound), or
 * MISSING when Python would raise AttributeError. Dunder names exist on every Python object;
 * they are returned as MISSING-safe markers by the caller's sandbox check.
 */
export function lookupAttribute(self: PyValue, name: string): PyValue | Missing {
  const table = methodTable(self);
  if (table !== null) {
    const bound = method(self, name, table);
    if (bound !== MISSING) return bound;
  }
  const value = property(self, name);
  if (value !== MISSING) return value;
  return DUNDER.test(name) ? null : MISSING;
}
