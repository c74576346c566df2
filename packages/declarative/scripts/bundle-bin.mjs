// Bundles the `source-declarative-manifest` entry point into one dist/cli/main.js (tsc still
// type-checks and emits the rest of dist/, which the library entry uses). The bundle exists for
// start-up time: the bin would otherwise load ~100 modules one by one (the loader, the validator
// and the interpolation engine), a fifth of a `discover`. Packages stay external: above all
// @tributary/cdk, whose classes and secret masker must be the connector's own.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [resolve(root, 'src/cli/main.ts')],
  outfile: resolve(root, 'dist/cli/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
});
