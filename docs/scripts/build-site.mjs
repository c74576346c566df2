// npm run docs: the documentation site, built from files in this repository without the network.
// 1. the examples' copies in the guides and the CLI reference are brought up to date;
// 2. VitePress builds docs/ into docs/.vitepress/dist (local search index, diagrams as SVG);
// 3. TypeDoc writes the API reference into docs/.vitepress/dist/api, failing on any public
//    export without a doc comment.
// Preview: npm run docs:preview (a local server; the pages use absolute links).
//
// `--out <dir>` builds elsewhere; `--check` changes no file in docs/ and fails when the copies
// of examples or the CLI reference are stale (the docs tests build the site so).
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'vitepress';
import { DOCS_ROOT, syncIncludes } from './includes.mjs';

const check = process.argv.includes('--check');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex === -1 ? join(DOCS_ROOT, '.vitepress/dist') : resolve(process.argv[outIndex + 1]);

function step(name, command, args) {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: DOCS_ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${name} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const { stale, problems } = syncIncludes({ write: !check });
if (check && stale.length > 0) problems.push(`stale copies of examples in: ${stale.join(', ')} (run npm run docs)`);
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
if (stale.length > 0) console.log(`updated the examples shown in: ${stale.join(', ')}`);
step('CLI reference', process.execPath, [join(DOCS_ROOT, 'scripts/cli-reference.mjs'), ...(check ? ['--check'] : [])]);

const started = Date.now();
await build(DOCS_ROOT, { outDir });
console.log(`site: ${((Date.now() - started) / 1000).toFixed(1)} s`);

// TypeDoc is the docs package's own (with the TypeScript it supports); the repository compiles with TypeScript 7.
step('API reference', process.execPath, [
  join(DOCS_ROOT, 'node_modules/typedoc/bin/typedoc'),
  '--options',
  'typedoc.json',
  '--out',
  join(outDir, 'api'),
]);
console.log(`The site is in ${outDir}${outIndex === -1 ? ' (npm run docs:preview serves it)' : ''}.`);
