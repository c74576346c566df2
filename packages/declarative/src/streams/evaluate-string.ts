import { interpolate, pythonStr, toJsonValue } from '../interpolation/index.js';
import type { PlainDict, PyValue } from '../interpolation/values/object.js';

/** A string field of a component that may hold a template (`{{ parameters.cursor }}`). */
export function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

/** Config and parameters as template values: typed YAML values (timestamps) become their text, as JSON would write them. */
function context(config: Record<string, unknown>, parameters: Record<string, unknown>): PlainDict {
  return JSON.parse(JSON.stringify({ config, parameters })) as PlainDict;
}

/**
 * A string field evaluated as the CDK's `InterpolatedString.eval(config)` does at build time: with
 * `config` and the component's `parameters`, the template as its own default, then Python's
 * `literal_eval` (a result that is not a string is given as Python's `str()` of it).
 */
export function evaluateString(value: unknown, config: Record<string, unknown>, parameters: Record<string, unknown>): string {
  const text = value === undefined || value === null ? '' : String(value);
  if (!isTemplate(text)) return text;
  const result = interpolate(text, context(config, parameters), { default: text });
  return typeof result === 'string' ? result : pythonStr(result);
}

const FALSE_TEXTS = new Set(['False', 'false', '{}', '[]', '()', '', '0', '0.0']);

/** A condition (`ConditionalStreams.condition`), evaluated as the CDK's `InterpolatedBoolean`. */
export function evaluateCondition(condition: unknown, config: Record<string, unknown>, parameters: Record<string, unknown>): boolean {
  if (typeof condition === 'boolean') return condition;
  const result: PyValue = interpolate(String(condition ?? ''), context(config, parameters), { default: 'False' });
  if (result === false || result === 0) return false;
  if (typeof result === 'string') return !FALSE_TEXTS.has(result);
  const json = toJsonValue(result);
  if (Array.isArray(json)) return json.length > 0;
  if (json !== null && typeof json === 'object') return Object.keys(json).length > 0;
  return true;
}
