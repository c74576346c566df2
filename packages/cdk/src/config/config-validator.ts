import type { ErrorObject } from 'ajv';
import { ConnectorError } from '../errors/connector-error.js';
import type { JsonSchema } from '../protocol/json-schema.js';

export interface ValidationResult {
  valid: boolean;
  /** One line per problem, each naming the field (`config.credentials.api_key must be string`). */
  problems: string[];
  /** The same problems with the field each concerns, for a form to show them beside it. */
  issues: ValidationIssue[];
}

/** One problem and its field. */
export interface ValidationIssue {
  /** The field concerned, as keys from the root (`['credentials', 'api_key']`); empty for the value as a whole. */
  field: string[];
  /** The sentence, as in `problems`. */
  message: string;
}

export interface SchemaValidationOptions {
  /** Check `format` (`date-time`, `email`, ...); default true. Python's `jsonschema.validate` does not. */
  formats?: boolean;
}

/**
 * Validates a value against a JSON Schema with ajv. Ajv is imported on first use so that
 * `spec` starts fast. Unknown keywords (`airbyte_secret`, `order`, ...) are allowed, a `$schema`
 * ajv does not know (`https://json-schema.org/draft-07/schema#`) is read as draft-07, and a
 * `pattern` that is not a valid Unicode regular expression (`\-`, which Python accepts) is
 * compiled without the Unicode flag.
 */
export async function validateAgainstSchema(
  schema: JsonSchema,
  value: unknown,
  rootName: string,
  options: SchemaValidationOptions = {},
): Promise<ValidationResult> {
  const { Ajv, addFormats } = await loadAjv();
  const formats = options.formats !== false;
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: formats, ownProperties: true, code: { regExp: lenientRegExp } });
  if (formats) addFormats(ajv);
  let validate: import('ajv').ValidateFunction;
  try {
    validate = ajv.compile(withKnownDialect(ajv, schema));
  } catch (error) {
    // The connector's own schema is broken (a bug of the connector, not of the user's config).
    throw new ConnectorError(
      `The ${rootName} schema is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (validate(value)) return { valid: true, problems: [], issues: [] };
  const issues = (validate.errors ?? []).map((error) => describeProblem(error, rootName));
  return { valid: false, problems: issues.map((issue) => issue.message), issues };
}

/** A `$schema` that ajv does not know is dropped, so the schema is read as draft-07 (as Python reads it with its default). */
function withKnownDialect(ajv: import('ajv').Ajv, schema: JsonSchema): JsonSchema {
  const dialect = (schema as { $schema?: unknown }).$schema;
  if (typeof dialect !== 'string' || ajv.getSchema(dialect.replace(/#$/, '')) !== undefined || ajv.getSchema(dialect) !== undefined)
    return schema;
  const { $schema: _unknown, ...rest } = schema as Record<string, unknown>;
  return rest as JsonSchema;
}

type RegExpEngine = ((pattern: string, flags: string) => { test: (text: string) => boolean }) & { code: string };

/** Unicode mode first (ajv's default); a pattern only valid without it is compiled without it. */
const lenientRegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    try {
      return new RegExp(pattern, flags);
    } catch {
      return new RegExp(pattern, flags.replace('u', ''));
    }
  },
  { code: 'new RegExp' },
);

function describeProblem(error: ErrorObject, rootName: string): ValidationIssue {
  const path = error.instancePath || '';
  const keys =
    path === ''
      ? []
      : path
          .slice(1)
          .split('/')
          .map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  const field = path === '' ? rootName : `${rootName}${path.replace(/\//g, '.')}`;
  if (error.keyword === 'required') {
    const missing = (error.params as { missingProperty: string }).missingProperty;
    return { field: [...keys, missing], message: `${field === rootName ? rootName : field}.${missing} is required` };
  }
  if (error.keyword === 'additionalProperties') {
    const extra = (error.params as { additionalProperty: string }).additionalProperty;
    return { field: [...keys, extra], message: `${field}.${extra} is not allowed` };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return { field: keys, message: `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { field: keys, message: `${field} ${error.message ?? 'is invalid'}` };
}

interface AjvModules {
  Ajv: typeof import('ajv').Ajv;
  addFormats: (ajv: import('ajv').Ajv) => void;
}

let ajvModules: Promise<AjvModules> | undefined;

function loadAjv(): Promise<AjvModules> {
  ajvModules ??= (async () => {
    const { Ajv, addFormats } = await import('./ajv-modules.js');
    return { Ajv, addFormats };
  })();
  return ajvModules;
}
