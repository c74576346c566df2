// Builds Studio's page into dist/page/: index.html and assets/ (app.js with its chunks, app.css).
// Everything the page needs ships in the package: no CDN, no font or script from anywhere else.
// The manifest editor (CodeMirror) is a chunk of its own, loaded only for manifest projects.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const studio = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(studio, 'dist/page');

rmSync(out, { recursive: true, force: true });
mkdirSync(resolve(out, 'assets'), { recursive: true });
await build({
  entryPoints: { app: resolve(studio, 'page/src/main.tsx') },
  outdir: resolve(out, 'assets'),
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(resolve(studio, 'page/index.html'), resolve(out, 'index.html'));
