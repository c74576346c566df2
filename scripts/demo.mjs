#!/usr/bin/env node
// `npm start`: syncs the faker connector into .tributary/source-faker.duckdb with the local
// runner, then shows a query of the result. Each run moves the faker's simulated clock one day
// forward (kept in .tributary/source-faker.demo.json), so a second `npm start` is an
// incremental sync: it reads only the users that changed and the purchases made since, and
// merges them into the same tables. Delete .tributary/ to start over.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dir = join(root, '.tributary');
const stateFile = join(dir, 'source-faker.demo.json');
const configFile = join(dir, 'source-faker.config.json');
const database = join('.tributary', 'source-faker.duckdb');
const tributary = join(root, 'packages', 'cli', 'dist', 'main.js');
/** 100,000 users exist from this moment of simulated time on (one is created per minute from 2024-01-01). */
const FIRST_CLOCK = Date.parse('2024-03-10T10:40:00Z');
const DAY_MS = 86_400_000;

mkdirSync(dir, { recursive: true });
const previous = existsSync(stateFile) && existsSync(join(root, database)) ? JSON.parse(readFileSync(stateFile, 'utf8')) : { run: 0 };
const run = previous.run + 1;
const clock = new Date(FIRST_CLOCK + (run - 1) * DAY_MS).toISOString();
writeFileSync(configFile, `${JSON.stringify({ count: 100_000, seed: 42, clock }, null, 2)}\n`);
writeFileSync(stateFile, `${JSON.stringify({ run, clock }, null, 2)}\n`);

console.log(
  run === 1
    ? `Demo run 1: the faker's clock is ${clock}. Run npm start again: the clock moves a day and the sync reads only what changed.\n`
    : `Demo run ${run}: the faker's clock moved to ${clock}, so this sync reads only what changed since run ${run - 1}. (Delete .tributary/ to start over.)\n`,
);

const tributaryRun = (...args) => {
  const result = spawnSync(process.execPath, [tributary, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

tributaryRun('sync', 'connectors/source-faker', '--config', join('.tributary', 'source-faker.config.json'), '--to', `duckdb:${database}`);

const revenue = `SELECT address->>'$.country.name' AS country, count(DISTINCT u.id) AS users, count(p.id) AS purchases,
  round(sum(p.total_cents) / 100, 2) AS revenue
FROM users u LEFT JOIN purchases p ON p.user_id = u.id GROUP BY ALL ORDER BY revenue DESC`;
console.log(`\nRevenue by country:\n  npx tributary sql ${database} "${revenue.replaceAll(/\s+/g, ' ')}"\n`);
tributaryRun('sql', database, revenue);

const bySync = `SELECT _airbyte_meta->>'$.sync_id' AS written_by_sync, count(*) AS users, max(updated_at) AS latest_change
FROM users GROUP BY ALL ORDER BY written_by_sync`;
console.log('\nUsers by the sync that last wrote them (each incremental sync updates the users that changed):\n');
tributaryRun('sql', database, bySync);
