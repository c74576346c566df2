/** The committed component types are generated from the committed component schema. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { load } from 'js-yaml';

test('src/components/component-types.ts is up to date with the component schema (node scripts/generate-component-types.mjs)', async () => {
  const generator = (await import(new URL('../../scripts/generate-component-types.mjs', import.meta.url).href)) as {
    componentTypesSource(schema: unknown): string;
    SCHEMA_FILE: string;
    TYPES_FILE: string;
  };
  const expected = generator.componentTypesSource(load(readFileSync(generator.SCHEMA_FILE, 'utf8')));
  assert.equal(readFileSync(generator.TYPES_FILE, 'utf8'), expected);
});
