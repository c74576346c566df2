import { join } from 'node:path';
import type { JsonSchema } from '../protocol/json-schema.js';
import { resolveSchemaRefs } from './ref-resolver.js';

/** Resolved schemas, keyed by folder and stream: files are read and `$ref`s inlined once per process. */
const resolvedSchemas = new Map<string, JsonSchema>();

/**
 * Loads `<schemasDir>/<streamName>.json` with every `$ref` inlined. Each call returns a fresh
 * copy, so a caller may modify what it gets without corrupting later calls.
 */
export function loadStreamSchema(schemasDir: string, streamName: string): JsonSchema {
  const key = `${schemasDir}\0${streamName}`;
  let schema = resolvedSchemas.get(key);
  if (schema === undefined) {
    schema = resolveSchemaRefs(join(schemasDir, `${streamName}.json`), schemasDir, streamName);
    resolvedSchemas.set(key, schema);
  }
  return structuredClone(schema);
}
