import { ConnectorError } from '@tributary/cdk';

/** A string field of a component that may hold a template (`{{ parameters.cursor }}`). */
export function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}

/**
 * A string field evaluated the way the CDK's `InterpolatedString.eval(config)` does at build time,
 * with `config` and the component's `parameters`.
 */
export function evaluateString(value: unknown, _config: Record<string, unknown>, _parameters: Record<string, unknown>): string {
  const text = value === undefined || value === null ? '' : String(value);
  if (!isTemplate(text)) return text;
  throw ConnectorError.config(`Templates in this field are not supported yet: ${text}`);
}

/** A condition (`ConditionalStreams.condition`), evaluated as the CDK's `InterpolatedBoolean`. */
export function evaluateCondition(condition: unknown, config: Record<string, unknown>, parameters: Record<string, unknown>): boolean {
  if (typeof condition === 'boolean') return condition;
  const text = evaluateString(condition, config, parameters);
  return !['', 'False', 'false', 'None', '0', '{}', '[]', '()'].includes(text.trim());
}
