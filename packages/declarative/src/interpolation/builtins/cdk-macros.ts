// The Python CDK's interpolation macros (airbyte_cdk.sources.declarative.interpolation.macros).
import { randomUUID } from 'node:crypto';
import { parseDuration } from '../datetime/iso-duration.js';
import { isoparse } from '../datetime/isoparse.js';
import {
  datetimeFromLocalMicros,
  datetimeFromUtcMicros,
  PyDate,
  PyDateTime,
  shiftDateTime,
  timedeltaFromParts,
} from '../datetime/model.js';
import { strftime } from '../datetime/strftime.js';
import { strptime } from '../datetime/strptime.js';
import { PYTZ_UTC, UTC, zoneNamed } from '../datetime/timezone.js';
import { typeError, valueError } from '../errors.js';
import { length } from '../template/operations.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { PyBuiltinFunction } from '../values/callable.js';
import { pyOrder } from '../values/compare.js';
import { floatOf, intOf, normBig, numericKind, PyFloat, parseFloatText, parseIntText } from '../values/number.js';
import type { PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { pyTypeName } from '../values/type-name.js';
import { Undefined } from '../values/undefined.js';
import { bindArgs } from './args.js';
import { compilePython } from './python-regex.js';
import { quotePlus } from './url-quote.js';

const EPOCH = datetimeFromLocalMicros(0, UTC);

/**
 * dateutil's isoparse takes anything: getattr(value, 'read') fails on Undefined; a value without
 * len() is a TypeError; a short container is "ISO string too short"; a longer one fails slicing.
 */
function isoText(value: PyValue): string {
  if (value instanceof Undefined) value.fail(pyRepr);
  if (typeof value === 'string') return value;
  if (length(value) < 4) throw valueError('ISO string too short');
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
}

export function strToDatetime(value: PyValue): PyDateTime {
  const parsed = isoparse(isoText(value));
  const aware = parsed.tz === null ? parsed.withTz(PYTZ_UTC) : parsed;
  return datetimeFromUtcMicros(aware.utcMicros, PYTZ_UTC);
}

function intValue(value: PyValue): number {
  if (typeof value === 'string') return Number(parseIntText(value, 10, pyRepr(value)));
  const kind = numericKind(value);
  if (kind === 1) return Number(intOf(value));
  if (kind === 2) return Math.trunc(floatOf(value));
  if (value instanceof Undefined) value.fail(pyRepr);
  throw typeError(`int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value)}'`);
}

/** The CDK's DatetimeParser.parse. */
export function parseDatetime(value: PyValue, format: string): PyDateTime {
  if (format === '%s') return datetimeFromUtcMicros(intValue(value) * 1e6, UTC);
  if (format === '%s_as_float') {
    const seconds = typeof value === 'string' ? parseFloatText(value) : floatOf(value);
    return datetimeFromUtcMicros(Math.round(seconds * 1e6), UTC);
  }
  if (format === '%epoch_microseconds') return shiftDateTime(EPOCH, BigInt(intValue(value)));
  if (format === '%ms') return shiftDateTime(EPOCH, BigInt(intValue(value)) * 1000n);
  const parsed = strptime(pyStr(value), format.replaceAll('%_ms', '%f'));
  return parsed.tz === null ? parsed.withTz(UTC) : parsed;
}

/** The CDK's DatetimeParser.format. */
export function formatDatetime(dt: PyDate, format: string, rt: Runtime): string {
  const timestamp = () => Number((dt as PyDateTime).utcMicrosExact) / 1e6;
  if (format === '%s') return String(Math.trunc(timestamp()));
  if (format === '%s_as_float') return new PyFloat(timestamp()).repr();
  if (format === '%epoch_microseconds') return String(Math.trunc(timestamp() * 1_000_000));
  if (format === '%ms') return String(Math.trunc(timestamp() * 1000));
  const micro = dt instanceof PyDateTime ? dt.microsecond : 0;
  const resolved = format.includes('%_ms') ? format.replaceAll('%_ms', String(Math.floor(micro / 1000)).padStart(3, '0')) : format;
  return strftime(dt, resolved, rt.budget.limits.maxStringLength);
}

function formatDatetimeMacro(args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
  const [dt, format, inputFormat] = bindArgs('format_datetime', [['dt'], ['format'], ['input_format', null]], args, kwargs) as PyValue[];
  const fmt = pyStr(format);
  if (dt instanceof PyDateTime) return strftime(dt, fmt, rt.budget.limits.maxStringLength);
  let parsed: PyDateTime;
  if (numericKind(dt) === 1) parsed = parseDatetime(dt, inputFormat === null ? '%s' : pyStr(inputFormat));
  else if (inputFormat !== null) {
    if (typeof dt !== 'string') throw typeError(`strptime() argument 1 must be str, not ${pyTypeName(dt)}`);
    parsed = strptime(dt, pyStr(inputFormat));
  } else parsed = strToDatetime(dt);
  return formatDatetime(parsed, fmt, rt);
}

/** The CDK's max(*args) / min(*args): Python's builtin over the arguments, or over one iterable. */
function extreme(name: 'max' | 'min', args: readonly PyValue[], kwargs: Kwargs, rt: Runtime): PyValue {
  if (kwargs?.size) throw typeError(`${name}() got an unexpected keyword argument '${[...kwargs.keys()][0]}'`);
  if (args.length === 0) throw typeError(`${name} expected at least 1 argument, got 0`);
  const items = args.length === 1 ? rt.iterate(args[0]) : args;
  if (items.length === 0) throw valueError(`${name}() arg is an empty sequence`);
  let best = items[0];
  for (const item of items.slice(1)) {
    if (item instanceof Undefined) item.fail(pyRepr);
    if (best instanceof Undefined) best.fail(pyRepr);
    if (pyOrder(name === 'max' ? '>' : '<', item, best)) best = item;
  }
  return best;
}

function macro(name: string, body: (args: readonly PyValue[], kwargs: Kwargs, rt: Runtime) => PyValue): [string, PyValue] {
  return [name, new PyBuiltinFunction(name, body)];
}

export function cdkMacros(): Map<string, PyValue> {
  return new Map<string, PyValue>([
    macro('now_utc', (args, kwargs, rt) => {
      bindArgs('now_utc', [], args, kwargs);
      return datetimeFromUtcMicros(rt.nowMicros(), UTC);
    }),
    macro('today_utc', (args, kwargs, rt) => {
      bindArgs('today_utc', [], args, kwargs);
      const now = datetimeFromUtcMicros(rt.nowMicros(), UTC);
      return new PyDate(now.year, now.month, now.day);
    }),
    macro('today_with_timezone', (args, kwargs, rt) => {
      const [zone] = bindArgs('today_with_timezone', [['timezone']], args, kwargs);
      const now = datetimeFromUtcMicros(rt.nowMicros(), zoneNamed(pyStr(zone as PyValue)));
      return new PyDate(now.year, now.month, now.day);
    }),
    macro('timestamp', (args, kwargs) => {
      const [dt] = bindArgs('timestamp', [['dt']], args, kwargs) as PyValue[];
      const kind = numericKind(dt);
      if (kind === 1) return intOf(dt);
      if (kind === 2) {
        const t = Math.trunc(floatOf(dt));
        return Number.isSafeInteger(t) ? t : normBig(BigInt(t));
      }
      return new PyFloat(Number(strToDatetime(dt).utcMicrosExact) / 1e6);
    }),
    macro('str_to_datetime', (args, kwargs) => strToDatetime(bindArgs('str_to_datetime', [['s']], args, kwargs)[0] as PyValue)),
    macro('max', (args, kwargs, rt) => extreme('max', args, kwargs, rt)),
    macro('min', (args, kwargs, rt) => extreme('min', args, kwargs, rt)),
    macro('day_delta', (args, kwargs, rt) => {
      const [days, format] = bindArgs('day_delta', [['num_days'], ['format', '%Y-%m-%dT%H:%M:%S.%f%z']], args, kwargs) as PyValue[];
      if (numericKind(days) === 0) throw typeError(`unsupported type for timedelta days component: ${pyTypeName(days)}`);
      const delta = timedeltaFromParts({ days: floatOf(days) });
      const shifted = shiftDateTime(datetimeFromUtcMicros(rt.nowMicros(), UTC), delta.totalMicros);
      return strftime(shifted, pyStr(format), rt.budget.limits.maxStringLength);
    }),
    macro('duration', (args, kwargs) => {
      const [text] = bindArgs('duration', [['datestring']], args, kwargs) as PyValue[];
      if (typeof text !== 'string') {
        if (text instanceof Undefined) text.fail(pyRepr);
        throw typeError(`Expecting a string ${pyRepr(text)}`);
      }
      return parseDuration(text);
    }),
    macro('format_datetime', formatDatetimeMacro),
    macro('sanitize_url', (args, kwargs) => {
      const [value] = bindArgs('sanitize_url', [['value']], args, kwargs) as PyValue[];
      if (typeof value !== 'string') throw typeError('quote_from_bytes() expected bytes');
      return quotePlus(value);
    }),
    macro('camel_case_to_snake_case', (args, kwargs) => {
      const [value] = bindArgs('camel_case_to_snake_case', [['value']], args, kwargs) as PyValue[];
      if (typeof value !== 'string') throw typeError('expected string or bytes-like object');
      return value.replace(compilePython('(?<!^)(?=[A-Z])', true), '_').toLowerCase();
    }),
    macro('generate_uuid', (args, kwargs) => {
      bindArgs('generate_uuid', [], args, kwargs);
      return randomUUID();
    }),
  ]);
}
