// Compiles the declarative component schema into standalone validation code at build time:
// ajv needs ~0.8 s to compile the schema's 133 definitions, several times the budget for loading
// a whole manifest, while requiring the generated code takes a few milliseconds. The output
// exports one validator for the whole manifest (`DeclarativeSource`) and one per definition
// (used to explain errors); it is CommonJS so that loading a manifest stays synchronous.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(resolve(root, 'package.json'));
const { load } = await import('js-yaml');
const { PYYAML_SAFE_SCHEMA } = await import(resolve(root, 'dist/yaml/pyyaml-schema.js'));
const { componentAjv, COMPONENT_SCHEMA_ID, validatorExports } = await import(resolve(root, 'dist/validation/component-ajv.js'));
const standaloneCode = require('ajv/dist/standalone').default;

const schema = withoutAnnotations(
  load(readFileSync(resolve(root, 'src/validation/schema/declarative_component_schema.yaml'), 'utf8'), { schema: PYYAML_SAFE_SCHEMA }),
);
const ajv = componentAjv(true);
ajv.addSchema(schema, COMPONENT_SCHEMA_ID);
const out = resolve(root, 'dist/generated');
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'component-validators.cjs'), standaloneCode(ajv, validatorExports(schema)));

/**
 * The schema without the keywords that never change a validation result (titles, descriptions,
 * examples, the CDK's own annotations): the generated code embeds parts of the schema, and this
 * halves it, which is start-up time on every run. Error explanations read the full schema.
 */
function withoutAnnotations(node) {
  const ANNOTATIONS = new Set([
    'title',
    'description',
    'examples',
    'default',
    'interpolation_context',
    'linkable',
    'deprecated',
    'deprecation_message',
  ]);
  const NAME_MAPS = new Set(['properties', 'definitions']);
  const strip = (value) => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
    const result = {};
    for (const [key, item] of Object.entries(value)) {
      if (ANNOTATIONS.has(key)) continue;
      if (key === 'enum' || key === 'const') result[key] = item;
      else if (NAME_MAPS.has(key) && item && typeof item === 'object')
        result[key] = Object.fromEntries(Object.entries(item).map(([name, schema]) => [name, strip(schema)]));
      else result[key] = strip(item);
    }
    return result;
  };
  return strip(node);
}
