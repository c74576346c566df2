import { Ajv } from 'ajv';

/** The id the component schema is registered under; validators are `<id>#/definitions/<Name>`. */
export const COMPONENT_SCHEMA_ID = 'declarative_component_schema';

/**
 * The ajv instance both the build (standalone code) and the fallback (compiling at run time)
 * use, with the options that make ajv judge as Python's `jsonschema.validate` does: draft-07,
 * formats not checked (jsonschema checks none without a format checker), unknown keywords
 * (`interpolation_context`, `linkable`, ...) ignored. Every error is collected, to explain them.
 */
export function componentAjv(standalone: boolean): Ajv {
  return new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    // Each definition compiled once and called where it is referenced, not copied into every user: a tenth of the code to load.
    inlineRefs: false,
    logger: false,
    ...(standalone ? { code: { source: true, esm: false } } : {}),
  });
}

/** The validators to build: the whole manifest and each definition. */
export function validatorExports(schema: { definitions?: Record<string, unknown> }): Record<string, string> {
  const exports: Record<string, string> = { DeclarativeSource: `${COMPONENT_SCHEMA_ID}#` };
  for (const name of Object.keys(schema.definitions ?? {})) exports[`definition_${name}`] = `${COMPONENT_SCHEMA_ID}#/definitions/${name}`;
  return exports;
}
