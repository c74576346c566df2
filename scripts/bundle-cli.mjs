// Bundles the `tributary` command into one dist/main.js (tsc still type-checks and emits the
// rest of dist/, which the library entry and the declarations use). The bundle exists for
// start-up time: @duckdb/node-api is ~120 CommonJS files, and importing them from ES modules
// cost ~250 ms on every command (Node scans each for its exports), a twentieth of a
// 1,000,000-record sync and most of `tributary --help`.
//
// Only @duckdb/node-api, commander and yaml (the metadata writer's; the CDK's own copy has no
// identity to share) go into the bundle. Everything else stays a package
// import: the native DuckDB bindings, and above all @tributary/cdk, which connectors loaded
// in-process import too: a second copy would mean a second `ConnectorError` class and a second
// secret masker.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/cli');
const BUNDLED = new Set(['@duckdb/node-api', 'commander', 'yaml']);

const onlyBundled = {
  name: 'tributary-cli-externals',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      // Inside a bundled package, its own relative requires resolve as usual; other packages stay external.
      return BUNDLED.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

await build({
  entryPoints: [resolve(cli, 'src/main.ts')],
  outfile: resolve(cli, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
  plugins: [onlyBundled],
  // The bundled CommonJS code calls require() for the native bindings; ES modules have none.
  banner: {
    js: "import { createRequire as __tributaryRequire } from 'node:module';\nconst require = __tributaryRequire(import.meta.url);",
  },
});
