#!/usr/bin/env node
import { run } from './program.js';

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// DuckDB and connector code may leave handles open; a finished command must not hang. An exit
// code set elsewhere (process.exitCode) is kept when the command itself reported none.
const exitCode = code !== 0 ? code : Number(process.exitCode ?? 0);
process.stdout.write('', () => process.exit(exitCode));
