// Writes src/components/component-types.ts: one TypeScript interface per definition of the
// declarative component schema, so the resolved manifest is typed by the same source of truth
// the validator uses. Run it after updating the schema (`node scripts/generate-component-types.mjs`,
// then `npm run format`); a test checks that the committed file is up to date.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_FILE = resolve(root, 'src/validation/schema/declarative_component_schema.yaml');
export const TYPES_FILE = resolve(root, 'src/components/component-types.ts');

/** The TypeScript source for a parsed component schema. */
export function componentTypesSource(schema) {
  const lines = [
    '// Generated from src/validation/schema/declarative_component_schema.yaml by',
    '// scripts/generate-component-types.mjs: do not edit by hand.',
    '//',
    '// Every component of a resolved manifest: its `type`, its fields, and `$parameters`. Components',
    '// accept fields beyond those listed (the schema allows them, and `$parameters` become fields).',
    '',
    '/** Values from `$parameters`, propagated from parent to child components. */',
    'export type ComponentParameters = Record<string, unknown>;',
    '',
  ];
  const names = Object.keys(schema.definitions).sort();
  lines.push(...definitionSource('DeclarativeSource', schema), '');
  for (const name of names) lines.push(...definitionSource(name, schema.definitions[name]), '');
  lines.push(
    '/** Every component type name the schema defines. */',
    `export type ComponentTypeName = ${names
      .filter((name) => enumOfType(schema.definitions[name]))
      .map((name) => JSON.stringify(enumOfType(schema.definitions[name])))
      .join(' | ')};`,
    '',
  );
  return lines.join('\n');
}

function enumOfType(definition) {
  const values = definition?.properties?.type?.enum;
  return Array.isArray(values) && values.length === 1 ? values[0] : undefined;
}

function doc(node, indent = '') {
  const text = [node.title, firstSentence(node.description)].filter(Boolean).join(': ');
  return text ? [`${indent}/** ${text.replaceAll('*/', '*\\/').replaceAll('\n', ' ')} */`] : [];
}

// Every exported type gets a doc comment (the API reference requires one), so a definition the
// schema leaves undescribed is named as such.
function definitionDoc(name, definition) {
  const lines = doc(definition);
  return lines.length > 0 ? lines : [`/** The schema's \`${name}\` component (the schema gives it no description). */`];
}

function firstSentence(text) {
  if (typeof text !== 'string') return '';
  const sentence = text.trim().split(/(?<=\.)\s/)[0];
  return sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
}

function definitionSource(name, definition) {
  if (!definition.properties) return [...definitionDoc(name, definition), `export type ${name} = ${typeOf(definition)};`];
  const required = new Set(definition.required ?? []);
  const lines = [...definitionDoc(name, definition), `export interface ${name} {`];
  for (const [field, schema] of Object.entries(definition.properties)) {
    if (field === '$parameters') continue;
    lines.push(...doc(schema, '  '));
    const optional = required.has(field) ? '' : '?';
    lines.push(`  ${propertyName(field)}${optional}: ${typeOf(schema)};`);
  }
  lines.push('  $parameters?: ComponentParameters;', '  [field: string]: unknown;', '}');
  return lines;
}

function propertyName(field) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field) ? field : JSON.stringify(field);
}

function typeOf(schema) {
  if (schema === true || schema === undefined) return 'unknown';
  if (typeof schema.$ref === 'string') return schema.$ref.replace('#/definitions/', '');
  if (Array.isArray(schema.anyOf)) return union(schema.anyOf.map(typeOf));
  if (Array.isArray(schema.enum)) return union(schema.enum.map((value) => JSON.stringify(value)));
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0) return 'unknown';
  return union(types.map((type) => scalarType(type, schema)));
}

function scalarType(type, schema) {
  switch (type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return schema.items ? `Array<${typeOf(schema.items)}>` : 'unknown[]';
    default:
      return 'Record<string, unknown>';
  }
}

function union(types) {
  const unique = [...new Set(types)];
  return unique.includes('unknown') ? 'unknown' : unique.join(' | ');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(TYPES_FILE, componentTypesSource(load(readFileSync(SCHEMA_FILE, 'utf8'))));
}
