// Bundles @tributary/cdk's runtime into one dist/index.js. tsc still type-checks and emits the
// declarations; the bundle exists for start-up time: resolving and loading ~60 ES modules
// one by one was about a third of a connector's `spec` cold start. Dependencies stay external
// (ajv, yaml and undici are imported lazily, only by the commands that need them).
//
// The test kit (`@tributary/cdk/testing`) is a second bundle, dist/testing/index.js, that must
// share the runtime of dist/index.js instead of carrying a copy of it: a second copy of the
// runtime modules would mean a second `ConnectorError` and `Source` class (`instanceof` fails
// across them), a second secret masker and a second default HTTP dispatcher (the test kit's
// mocks would not reach the connector's requests). So the test kit reaches the runtime only
// through src/index.ts, which this build turns into an import of the main bundle ('../index.js');
// importing any other runtime module from src/testing fails the build. Type-only imports are
// erased before bundling and are fine.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cdk = resolve(dirname(fileURLToPath(import.meta.url)), '../packages/cdk');
const src = resolve(cdk, 'src');
const testingSrc = resolve(src, 'testing');
const runtimeEntry = resolve(src, 'index.ts');

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  keepNames: true,
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [runtimeEntry],
  outfile: resolve(cdk, 'dist/index.js'),
});

/** Keeps the runtime out of the test kit bundle: src/index.ts becomes the main bundle, anything else outside src/testing is an error. */
const runtimeAsExternal = {
  name: 'tributary-runtime-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(testingSrc + sep)) return undefined;
      const target = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (target.startsWith(testingSrc + sep)) return undefined;
      if (target === runtimeEntry) return { path: '../index.js', external: true };
      return {
        errors: [
          {
            text: `the test kit must import the CDK runtime through src/index.ts, not ${relative(src, target)} (a second copy of a runtime module breaks instanceof, the secret masker and the HTTP dispatcher); export what it needs from src/index.ts, or use \`import type\``,
          },
        ],
      };
    });
  },
};

await build({
  ...common,
  entryPoints: [resolve(testingSrc, 'index.ts')],
  outfile: resolve(cdk, 'dist/testing/index.js'),
  plugins: [runtimeAsExternal],
});
