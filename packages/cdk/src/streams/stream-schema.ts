import type { JsonSchema } from '../protocol/json-schema.js';
import type { Stream } from './stream.js';

/** The stream's schema, awaited whether the stream builds it synchronously or not. */
export async function streamSchema(stream: Stream<object>): Promise<JsonSchema> {
  const schema = await stream.getJsonSchema();
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new TypeError(`Stream '${stream.name}': getJsonSchema() must return a JSON Schema object`);
  }
  return schema;
}
