#!/usr/bin/env node
import { run } from './program.js';

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
// DuckDB and connector code may leave handles open; a finished command must not hang.
process.stdout.write('', () => process.exit(code));
