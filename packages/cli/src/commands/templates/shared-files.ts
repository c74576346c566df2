import type { JsonSchema } from '@tributary/cdk';
import { CONNECTOR_NODE_OPTIONS } from '@tributary/cdk/runtime';
import type { ConnectorNames } from './connector-names.js';
import { json, lines, type TemplateFiles, type TemplateVersions } from './template-files.js';

/** `schemas/shared/timestamp.json`: referenced from the stream schema as `{"$ref": "timestamp.json"}`. */
export const TIMESTAMP_SCHEMA: JsonSchema = {
  type: 'string',
  format: 'date-time',
  description: 'An ISO-8601 date-time in UTC',
};

/** `schemas/items.json`, as written (with its `$ref`). */
export const ITEMS_SCHEMA: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: true,
  required: ['id', 'name', 'updated_at'],
  properties: {
    id: { type: 'integer', description: 'The item id' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['active', 'archived'] },
    tags: { type: ['null', 'array'], items: { type: 'string' } },
    updated_at: { $ref: 'timestamp.json', description: 'When the item last changed' },
  },
};

/** The items schema with its `$ref` inlined: what `discover` prints, and what the record type is built from. */
export function resolvedItemsSchema(): JsonSchema {
  const schema = structuredClone(ITEMS_SCHEMA);
  const { $ref: _ref, ...overrides } = schema.properties!.updated_at!;
  schema.properties!.updated_at = { ...TIMESTAMP_SCHEMA, ...overrides };
  return schema;
}

export interface PackageOptions {
  names: ConnectorNames;
  versions: TemplateVersions;
  http: boolean;
}

/** package.json, tsconfig files, Dockerfile, ignore files: the same for both templates. */
export function packageFiles({ names, versions, http }: PackageOptions): TemplateFiles {
  const scripts: Record<string, string> = {
    build: 'tsc -p .',
    typecheck: 'tsc -p test',
    test: 'tsc -p test && node --import tsx --test test/*.test.ts',
    start: 'node dist/main.js',
  };
  if (http) scripts.record = 'TRIBUTARY_RECORD=1 node --import tsx --test test/*.test.ts';
  const files: TemplateFiles = new Map();
  files.set(
    'package.json',
    json({
      name: names.packageName,
      version: '0.1.0',
      private: true,
      description: `An Airbyte source for ${names.title}, built with Tributary`,
      type: 'module',
      main: './dist/index.js',
      types: './dist/index.d.ts',
      bin: { [names.packageName]: './dist/main.js' },
      files: ['dist', 'schemas', 'spec.json'],
      engines: { node: '>=20' },
      scripts,
      dependencies: { '@tributary/cdk': versions.cdk },
      devDependencies: { '@types/node': versions.typesNode, tsx: versions.tsx, typescript: versions.typescript },
      tributary: { source: './dist/index.js', export: names.sourceClass },
    }),
  );
  files.set(
    'tsconfig.json',
    json({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        declaration: true,
        sourceMap: true,
        skipLibCheck: true,
        verbatimModuleSyntax: true,
        types: ['node'],
        rootDir: 'src',
        outDir: 'dist',
      },
      include: ['src'],
    }),
  );
  files.set(
    'test/tsconfig.json',
    json({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', declaration: false, sourceMap: false },
      include: ['**/*.ts', '../src/**/*.ts'],
    }),
  );
  files.set('.gitignore', lines('node_modules/', 'dist/', 'secrets/'));
  files.set('.dockerignore', lines('node_modules', 'dist', 'secrets', 'test'));
  files.set('Dockerfile', dockerfile(names));
  return files;
}

/** A two-stage image: build with the dev dependencies, run with production ones only. */
function dockerfile(names: ConnectorNames): string {
  return lines(
    `# The ${names.packageName} image: docker build -t airbyte/${names.packageName}:dev .`,
    'FROM node:20-slim AS build',
    'WORKDIR /build',
    'COPY package.json package-lock.json* ./',
    'RUN npm install --no-audit --no-fund',
    'COPY tsconfig.json spec.json ./',
    'COPY schemas ./schemas',
    'COPY src ./src',
    'RUN npm run build && npm prune --omit=dev',
    '',
    'FROM node:20-slim',
    'WORKDIR /airbyte/integration_code',
    // Keeps the young generation, and so peak memory, the same on long reads (see CONNECTOR_NODE_OPTIONS).
    `ENV NODE_ENV=production NODE_OPTIONS="${CONNECTOR_NODE_OPTIONS}"`,
    'COPY --from=build /build/package.json /build/spec.json ./',
    'COPY --from=build /build/schemas ./schemas',
    'COPY --from=build /build/dist ./dist',
    'COPY --from=build /build/node_modules ./node_modules',
    'ENV AIRBYTE_ENTRYPOINT="node /airbyte/integration_code/dist/main.js"',
    'ENTRYPOINT ["node", "/airbyte/integration_code/dist/main.js"]',
    `LABEL io.airbyte.name=airbyte/${names.packageName} io.airbyte.version=0.1.0`,
  );
}

/** The schema files: the stream's, and the shared one it refers to. */
export function schemaFiles(): TemplateFiles {
  return new Map([
    ['schemas/items.json', json(ITEMS_SCHEMA)],
    ['schemas/shared/timestamp.json', json(TIMESTAMP_SCHEMA)],
  ]);
}

/** `src/main.ts` and `src/index.ts`. */
export function entryFiles(names: ConnectorNames, extraExports: string[] = []): TemplateFiles {
  return new Map([
    [
      'src/main.ts',
      lines(
        '#!/usr/bin/env node',
        "import { launch } from '@tributary/cdk';",
        `import { ${names.sourceClass} } from './source.js';`,
        '',
        `await launch(new ${names.sourceClass}());`,
      ),
    ],
    [
      'src/index.ts',
      lines(
        "export type { Config } from './config.js';",
        `export type { ItemsRecord } from './schema-types.js';`,
        `export { ${names.sourceClass} } from './source.js';`,
        "export { Items } from './streams/items.js';",
        ...extraExports,
      ),
    ],
  ]);
}
