// Bundles @tributary/cdk's entry points: dist/index.js (the connector API), dist/runtime.js
// (`@tributary/cdk/runtime`: invoke, process-wide settings, masking) and dist/testing/index.js
// (`@tributary/cdk/testing`, the test kit). tsc still type-checks and emits the declarations;
// the bundles exist for start-up time: resolving and loading ~60 ES modules one by one was
// about a third of a connector's `spec` cold start. Dependencies stay external (yaml and undici
// are imported lazily, only by the commands that need them), except commander, which every
// command of every connector loads (its CommonJS files, loaded one by one from an ES module,
// took ~21 ms; bundled, `spec` starts ~5 ms sooner), and ajv and ajv-formats: every
// `check`, `discover` and `read` validates the config with them, and loading their ~70 CommonJS
// files one by one cost ~50-80 ms of every such command (measured: importing both took 50-100 ms,
// the bundled chunk 10-25 ms). They are bundled into a chunk of their own, still imported only
// when a config is validated (config/config-validator.ts) or by the test kit.
//
// The three entry points are built together with code splitting, so every module of the
// runtime exists once, in dist/index.js or in a chunk (dist/chunks/) the entry points share,
// never once per entry point: a second copy of a runtime module would mean a second
// `ConnectorError` and `Source` class (`instanceof` fails across them), a second secret masker
// and a second default HTTP dispatcher (the test kit's mocks would not reach the connector's
// requests). test/testing/bundle.test.ts checks it.
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cdk = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/cdk');
const src = resolve(cdk, 'src');
const dist = resolve(cdk, 'dist');

/** Every dependency but ajv and ajv-formats (and, through them, their own dependencies). */
const EXTERNAL = ['undici', 'yaml'];

// Chunk names carry a content hash: drop the chunks of earlier builds.
await rm(resolve(dist, 'chunks'), { recursive: true, force: true });

await build({
  entryPoints: {
    index: resolve(src, 'index.ts'),
    runtime: resolve(src, 'runtime.ts'),
    'testing/index': resolve(src, 'testing/index.ts'),
  },
  outdir: dist,
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: true,
  keepNames: true,
  // Bundled CommonJS (commander) requires Node's built-in modules, and ES modules have no `require`.
  banner: {
    js: "import { createRequire as __cdkCreateRequire } from 'node:module';\nconst require = __cdkCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
