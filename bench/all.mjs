#!/usr/bin/env node
// `npm run bench`: the read benchmarks of issue 3 (bench/run.mjs, every option passed through),
// then the concurrent-read benchmark of issue 6 (bench/concurrency.mjs, which takes `--rounds`
// and `--no-write` from the same options), then case h of issue 15, loading and discover of the
// largest declarative manifest (bench/declarative.mjs, `--no-write` too), then case i of issue 16,
// a declarative stream read next to the same stream written by hand (bench/declarative-read.mjs,
// `--records`, `--rounds` and `--no-write`). `--only` picks among them: without `g` (or `h`, `i`)
// that part is skipped.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const run = (script, scriptArgs) => spawnSync(process.execPath, [join(here, script), ...scriptArgs], { stdio: 'inherit' }).status ?? 1;

const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? (args[onlyIndex + 1] ?? '').split(',') : undefined;
const readCases = only?.filter((id) => id !== 'g' && id !== 'h' && id !== 'i');
let status = 0;
if (only === undefined || readCases.length > 0) {
  const readArgs = only === undefined ? args : args.map((arg, i) => (i === onlyIndex + 1 ? readCases.join(',') : arg));
  status = run('run.mjs', readArgs);
}
if ((only === undefined || only.includes('g')) && !args.includes('--help')) {
  const roundsIndex = args.indexOf('--rounds');
  const concurrencyArgs = [
    ...(roundsIndex >= 0 ? ['--rounds', args[roundsIndex + 1]] : []),
    ...(args.includes('--no-write') ? ['--no-write'] : []),
  ];
  status = run('concurrency.mjs', concurrencyArgs) || status;
}
if ((only === undefined || only.includes('h')) && !args.includes('--help')) {
  status = run('declarative.mjs', args.includes('--no-write') ? ['--no-write'] : []) || status;
}
if ((only === undefined || only.includes('i')) && !args.includes('--help')) {
  const passed = ['--records', '--rounds'].flatMap((name) => (args.includes(name) ? [name, args[args.indexOf(name) + 1]] : []));
  status = run('declarative-read.mjs', [...passed, ...(args.includes('--no-write') ? ['--no-write'] : [])]) || status;
}
process.exit(status);
