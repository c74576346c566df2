import type { ErrorObject } from 'ajv';
import type { JsonSchema } from '../schema/json-schema.js';

export interface ValidationResult {
  valid: boolean;
  /** One line per problem, each naming the field (`/credentials/api_key must be string`). */
  problems: string[];
}

/**
 * Validates a value against a JSON Schema with ajv. Ajv is imported on first use so that
 * `spec` starts fast. Unknown keywords (`airbyte_secret`, `order`, ...) are allowed.
 */
export async function validateAgainstSchema(schema: JsonSchema, value: unknown, rootName: string): Promise<ValidationResult> {
  const { Ajv, addFormats } = await loadAjv();
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true, ownProperties: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(value)) return { valid: true, problems: [] };
  return { valid: false, problems: (validate.errors ?? []).map((error) => describeProblem(error, rootName)) };
}

function describeProblem(error: ErrorObject, rootName: string): string {
  const path = error.instancePath || '';
  const field = path === '' ? rootName : `${rootName}${path.replace(/\//g, '.')}`;
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return `${field === rootName ? rootName : field}.${missing} is required`;
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return `${field}.${extra} is not allowed`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return `${field} ${error.message ?? 'is invalid'}`;
}

interface AjvModules {
  Ajv: typeof import('ajv').Ajv;
  addFormats: (ajv: import('ajv').Ajv) => void;
}

let ajvModules: Promise<AjvModules> | undefined;

function loadAjv(): Promise<AjvModules> {
  ajvModules ??= (async () => {
    const ajvModule = await import('ajv');
    const formatsModule = await import('ajv-formats');
    const addFormats = (formatsModule.default ?? formatsModule) as unknown as AjvModules['addFormats'];
    return { Ajv: ajvModule.Ajv, addFormats };
  })();
  return ajvModules;
}
