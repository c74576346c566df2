// Bundles @tributary/cdk's runtime into one dist/index.js. tsc still type-checks and emits the
// declarations; the bundle exists for start-up time: resolving and loading ~60 ES modules
// one by one was about a third of a connector's `spec` cold start. Dependencies stay external
// (ajv, yaml and undici are imported lazily, only by the commands that need them).
import { build } from 'esbuild';

await build({
  entryPoints: ['packages/cdk/src/index.ts'],
  outfile: 'packages/cdk/dist/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
});
