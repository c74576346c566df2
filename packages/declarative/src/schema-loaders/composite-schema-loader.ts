import type { JsonSchema } from '@tributary/cdk';
import { isMapping } from '../manifest/json-values.js';
import type { SchemaLoader } from './schema-loader.js';

/**
 * A list of schema loaders (the CDK's `CompositeSchemaLoader`): one object schema whose
 * properties are those of every loader's schema, a later loader's property winning.
 */
export class CompositeSchemaLoader implements SchemaLoader {
  constructor(private readonly loaders: SchemaLoader[]) {}

  async getJsonSchema(): Promise<JsonSchema> {
    const properties: Record<string, unknown> = {};
    for (const loader of this.loaders) {
      const schema = await loader.getJsonSchema();
      if (isMapping(schema.properties)) Object.assign(properties, schema.properties);
    }
    return { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', additionalProperties: true, properties } as JsonSchema;
  }
}
