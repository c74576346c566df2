/**
 * A JSON Schema document as connectors write them. Known keywords are typed so that
 * `schema.properties.id = { type: 'integer' }` type-checks; anything else is allowed.
 */
export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  definitions?: Record<string, JsonSchema>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  description?: string;
  title?: string;
  airbyte_secret?: boolean;
  [keyword: string]: unknown;
}

/** The primitive types of JSON Schema draft-07, as `type` names them. */
export type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
