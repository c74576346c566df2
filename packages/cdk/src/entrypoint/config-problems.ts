import { type ValidationIssue, validateAgainstSchema } from '../config/config-validator.js';
import { type InternalConfig, splitInternalConfig } from '../config/internal-config-keys.js';
import { ConnectorError } from '../errors/connector-error.js';
import { assertUsableJsonInput } from '../json/json-input.js';
import type { ConnectorSpecification } from '../protocol/types.js';
import type { Source } from '../sources/source.js';

/** One problem of a config: the field it concerns (keys from the root; empty for the whole config) and the CDK's sentence. */
export type ConfigProblem = ValidationIssue;

/** The source's spec, checked to be an object with a `connectionSpecification`. */
export async function loadSpec<Config>(source: Source<Config>): Promise<ConnectorSpecification> {
  const spec = await source.spec();
  if (
    typeof spec !== 'object' ||
    spec === null ||
    typeof spec.connectionSpecification !== 'object' ||
    spec.connectionSpecification === null
  ) {
    throw new ConnectorError('The connector spec must be an object with a "connectionSpecification" JSON Schema');
  }
  return spec;
}

/** The CDK's own `_` keys taken out of `raw`, and every problem of the rest against the spec. */
export async function specIssues<Config>(
  source: Source<Config>,
  spec: ConnectorSpecification,
  raw: Record<string, unknown>,
): Promise<{ config: Record<string, unknown>; internal: InternalConfig; issues: ConfigProblem[] }> {
  const { config, internal, problems } = splitInternalConfig(raw);
  const result = await validateAgainstSchema(spec.connectionSpecification, config, 'config', {
    formats: source.validateConfigFormats !== false,
  });
  const keyProblems = problems.map((message) => ({ field: [message.slice(1, message.indexOf("'", 1))], message }));
  return { config, internal, issues: [...keyProblems, ...result.issues] };
}

/**
 * What `check` and `read` would find wrong in `config`, field by field, in the CDK's words
 * (`config.count must be >= 1`): for a tool that edits a config (a form) to show each problem
 * beside its field before anything runs. Empty when the config is valid.
 */
export async function configProblems<Config>(source: Source<Config>, config: Record<string, unknown>): Promise<ConfigProblem[]> {
  try {
    assertUsableJsonInput(config, 'config');
  } catch (error) {
    if (error instanceof ConnectorError) return [{ field: [], message: error.message }];
    throw error;
  }
  return (await specIssues(source, await loadSpec(source), config)).issues;
}
