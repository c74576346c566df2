import type { JsonSchema } from '@tributary/cdk';
import type { InlineSchemaLoader as InlineSchemaLoaderModel } from '../components/component-types.js';
import { deepCopy, isMapping } from '../manifest/json-values.js';
import type { SchemaLoader } from './schema-loader.js';

/** `InlineSchemaLoader`: the schema written in the manifest (or reached with `$ref: "#/schemas/..."`), as it is. */
export class InlineSchemaLoader implements SchemaLoader {
  private readonly schema: JsonSchema;

  constructor(model: InlineSchemaLoaderModel) {
    this.schema = (isMapping(model.schema) ? model.schema : {}) as JsonSchema;
  }

  getJsonSchema(): JsonSchema {
    return deepCopy(this.schema);
  }
}
