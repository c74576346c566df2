import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConnectorError } from '../errors/connector-error.js';
import { describeFileError } from '../errors/file-error.js';
import { stripBom } from '../json/json-input.js';
import type { JsonSchema } from '../protocol/json-schema.js';
import type { ConnectorSpecification } from '../protocol/types.js';

/**
 * Reads `spec.json` or `spec.yaml` (`.yml`) from a connector package. A file may hold a whole
 * ConnectorSpecification or just the connection JSON Schema, which is then wrapped.
 * Both JSON and YAML present is an error, as in the Python CDK: one of them would be silently ignored.
 */
export async function loadSpecFile(packageDir: string): Promise<ConnectorSpecification> {
  const candidates = ['spec.json', 'spec.yaml', 'spec.yml'].map((name) => join(packageDir, name)).filter((file) => existsSync(file));
  if (candidates.length === 0) {
    throw new ConnectorError(`No spec found: expected spec.json or spec.yaml in ${packageDir}`);
  }
  if (candidates.length > 1) {
    throw new ConnectorError(
      `Found both ${candidates.map((f) => f.slice(packageDir.length + 1)).join(' and ')} in ${packageDir}; keep only one`,
    );
  }
  const file = candidates[0] as string;
  let text: string;
  try {
    text = stripBom(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConnectorError(`Cannot read the connector spec ${file}: ${describeFileError(error)}`);
  }
  let parsed: unknown;
  try {
    if (file.endsWith('.json')) {
      parsed = JSON.parse(text);
    } else {
      const { parse } = await import('yaml');
      parsed = parse(text);
    }
  } catch (error) {
    throw new ConnectorError(`Cannot read the connector spec ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConnectorError(`The connector spec ${file} must be an object`);
  }
  const spec = parsed as Record<string, unknown>;
  if (Object.hasOwn(spec, 'connectionSpecification')) return spec as ConnectorSpecification;
  return { connectionSpecification: spec as JsonSchema };
}
