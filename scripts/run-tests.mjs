// Runs every *.test.ts under packages/, connectors/ and docs/ with Node's test runner (Node 20 has no
// glob support in `node --test`). Extra arguments are passed through (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'connectors', 'docs'];
const filter = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const passThrough = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const files = roots
  .flatMap((root) => readdirSync(root, { recursive: true, encoding: 'utf8' }).map((file) => join(root, file)))
  .filter((file) => file.endsWith('.test.ts') && !file.includes('node_modules') && !file.includes('/fixtures/'))
  .filter((file) => filter.length === 0 || filter.some((part) => file.includes(part)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...passThrough, ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
