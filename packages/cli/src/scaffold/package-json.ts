/** The package.json of a new connector: its names, the versions it depends on, its scripts. */
import type { ConnectorNames } from './connector-names.js';
import { json } from './template-files.js';

/** Versions written into generated package.json files. */
export interface TemplateVersions {
  /** The `@tributary/cdk` version range the connector depends on. */
  cdk: string;
  typescript: string;
  tsx: string;
  typesNode: string;
}

export const DEFAULT_VERSIONS: TemplateVersions = {
  cdk: '^0.1.0',
  typescript: '^7.0.2',
  tsx: '^4.23.15',
  typesNode: '^20.19.43',
};

const SCRIPTS: Record<string, string> = {
  build: 'tsc -p .',
  typecheck: 'tsc -p test',
  test: 'tsc -p test && node --import tsx --test test/*.test.ts',
  start: 'node dist/main.js',
};

/** package.json, with the scripts every connector has and those of its kind (`kindScripts`). */
export function packageJson(names: ConnectorNames, versions: TemplateVersions, kindScripts: Record<string, string>): string {
  return json({
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
    scripts: { ...SCRIPTS, ...kindScripts },
    dependencies: { '@tributary/cdk': versions.cdk },
    devDependencies: { '@types/node': versions.typesNode, tsx: versions.tsx, typescript: versions.typescript },
    tributary: { source: './dist/index.js', export: names.sourceClass },
  });
}
