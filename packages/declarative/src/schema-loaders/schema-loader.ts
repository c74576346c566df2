import type { JsonSchema } from '@tributary/cdk';

/** Gives a declarative stream its JSON Schema (the CDK's `SchemaLoader`). */
export interface SchemaLoader {
  /** A fresh copy on every call, so callers may change it. */
  getJsonSchema(): JsonSchema | Promise<JsonSchema>;
}
