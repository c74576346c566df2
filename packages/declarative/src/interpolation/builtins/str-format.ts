// str.format / str.format_map, as Jinja's sandboxed formatter runs them: fields read attributes
// and items through the sandbox.
import { indexError, keyError, valueError } from '../errors.js';
import type { Kwargs, Runtime } from '../template/runtime-api.js';
import { mappingGet, type PyMapping } from '../values/dict.js';
import { MISSING, type PlainDict, type PyValue } from '../values/object.js';
import { pyRepr, pyStr } from '../values/repr.js';
import { Undefined } from '../values/undefined.js';
import { formatValue } from './format-spec.js';

/** string.Formatter (which Jinja's sandbox formats with) says this for both kinds of switch. */
const SWITCH_NUMBERING = 'cannot switch from manual field specification to automatic field numbering';

interface Sources {
  args: readonly PyValue[];
  kwargs: Kwargs;
  mapping: PlainDict | PyMapping | null;
}

export function strFormat(template: string, sources: Sources, rt: Runtime, depth = 0): string {
  if (depth > 2) throw valueError('Max string recursion exceeded');
  let out = '';
  let autoIndex = 0;
  let manual = false;
  let i = 0;
  const maxLength = rt.budget.limits.maxStringLength;
  while (i < template.length) {
    const ch = template[i];
    if (ch === '}') {
      if (template[i + 1] !== '}') throw valueError("Single '}' encountered in format string");
      out += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    const end = fieldEnd(template, i + 1);
    const field = template.slice(i + 1, end);
    i = end + 1;
    const { name, conversion, spec } = splitField(field);
    let first = name.match(/^[^.[]*/)![0];
    if (first === '') {
      if (manual) throw valueError(SWITCH_NUMBERING);
      first = String(autoIndex++);
    } else if (/^\d+$/.test(first)) {
      if (autoIndex > 0) throw valueError(SWITCH_NUMBERING);
      manual = true;
    }
    let value = lookupArgument(first, sources);
    value = applyAccessors(value, name.slice(name.match(/^[^.[]*/)![0].length), rt);
    if (conversion === 'r' || conversion === 'a') value = pyRepr(value);
    else if (conversion === 's') value = pyStr(value);
    else if (conversion !== null) throw valueError(`Unknown conversion specifier ${conversion}`);
    const resolvedSpec = spec.includes('{') ? strFormat(spec, sources, rt, depth + 1) : spec;
    out += value instanceof Undefined && resolvedSpec === '' ? '' : formatValue(value, resolvedSpec, maxLength);
    rt.budget.checkString(out.length);
  }
  return out;
}

function fieldEnd(template: string, start: number): number {
  let depth = 1;
  for (let j = start; j < template.length; j++) {
    if (template[j] === '{') depth++;
    else if (template[j] === '}' && --depth === 0) return j;
  }
  throw valueError("Single '{' encountered in format string");
}

function splitField(field: string): { name: string; conversion: string | null; spec: string } {
  let name = field;
  let spec = '';
  let bracket = false;
  for (let j = 0; j < field.length; j++) {
    if (field[j] === '[') bracket = true;
    else if (field[j] === ']') bracket = false;
    else if (!bracket && (field[j] === ':' || field[j] === '!')) {
      name = field.slice(0, j);
      spec = field.slice(j);
      break;
    }
  }
  let conversion: string | null = null;
  if (spec.startsWith('!')) {
    conversion = spec[1] ?? '';
    if (spec.length > 2 && spec[2] !== ':') throw valueError("expected ':' after conversion specifier");
    spec = spec.slice(2);
  }
  return { name, conversion, spec: spec.startsWith(':') ? spec.slice(1) : spec };
}

function lookupArgument(first: string, sources: Sources): PyValue {
  if (/^\d+$/.test(first)) {
    const index = Number(first);
    if (sources.mapping !== null) throw valueError('Format string contains positional fields');
    if (index >= sources.args.length) throw indexError('tuple index out of range');
    return sources.args[index];
  }
  const found = sources.mapping !== null ? mappingGet(sources.mapping, first) : (sources.kwargs?.get(first) ?? MISSING);
  if (found === MISSING) throw keyError(pyRepr(first));
  return found;
}

function applyAccessors(value: PyValue, accessors: string, rt: Runtime): PyValue {
  let current = value;
  const pattern = /\.([^.[]+)|\[([^\]]+)\]/gy;
  let match = pattern.exec(accessors);
  let consumed = 0;
  while (match !== null) {
    consumed = pattern.lastIndex;
    if (match[1] !== undefined) current = rt.getattr(current, match[1]);
    else current = rt.getitem(current, /^\d+$/.test(match[2]) ? Number(match[2]) : match[2]);
    match = pattern.exec(accessors);
  }
  if (consumed !== accessors.length) throw valueError("Only '.' or '[' may follow ']' in format field specifier");
  return current;
}
