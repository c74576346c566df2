import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { load } from 'js-yaml';
import { PYYAML_SAFE_SCHEMA } from '../yaml/pyyaml-schema.js';
import { COMPONENT_SCHEMA_ID, componentAjv, validatorExports } from './component-ajv.js';

/** An ajv validation function: true when valid, else `errors` holds why. */
export interface ComponentValidator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The declarative component schema, as the Python CDK loads it (PyYAML typing). */
export interface ComponentSchema {
  definitions: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

// Both src/validation (tests, through tsx) and dist/validation sit two levels below the package.
const PACKAGE_ROOT = new URL('../../', import.meta.url);
const GENERATED = fileURLToPath(new URL('dist/generated/component-validators.cjs', PACKAGE_ROOT));
const SCHEMA_FILE = fileURLToPath(new URL('src/validation/schema/declarative_component_schema.yaml', PACKAGE_ROOT));

let validators: Record<string, ComponentValidator> | undefined;
let schema: ComponentSchema | undefined;

/** The component schema (parsed once, on first use). */
export function componentSchema(): ComponentSchema {
  schema ??= load(readFileSync(SCHEMA_FILE, 'utf8'), { schema: PYYAML_SAFE_SCHEMA }) as ComponentSchema;
  return schema;
}

/**
 * The validators compiled at build time (`scripts/build-validators.mjs`); when the package was
 * not built, they are compiled now, which is slower but judges the same.
 */
function loadValidators(): Record<string, ComponentValidator> {
  if (validators) return validators;
  if (existsSync(GENERATED)) {
    validators = createRequire(import.meta.url)(GENERATED) as Record<string, ComponentValidator>;
  } else {
    const ajv = componentAjv(false);
    ajv.addSchema(componentSchema(), COMPONENT_SCHEMA_ID);
    const compiled: Record<string, ComponentValidator> = {};
    for (const [name, ref] of Object.entries(validatorExports(componentSchema()))) {
      Object.defineProperty(compiled, name, { enumerable: true, get: () => ajv.getSchema(ref) as ComponentValidator });
    }
    validators = compiled;
  }
  return validators;
}

/** The validator of a whole manifest. */
export function manifestValidator(): ComponentValidator {
  return loadValidators().DeclarativeSource;
}

/** The validator of one definition (`HttpRequester`), or undefined if the schema has none. */
export function definitionValidator(name: string): ComponentValidator | undefined {
  const all = loadValidators();
  const key = `definition_${name}`;
  return Object.hasOwn(all, key) ? all[key] : undefined;
}
