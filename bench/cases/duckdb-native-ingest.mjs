// Case i, the yardstick: DuckDB loading the faker's records itself, with its own defaults, from
// the JSON lines that faker-to-jsonl.mjs wrote: `CREATE TABLE … AS SELECT * FROM read_json(…)`
// for users and purchases, then CHECKPOINT, into a fresh file. Usage:
// node duckdb-native-ingest.mjs <database-file> <dir-with-jsonl>
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [path, dir] = process.argv.slice(2);
const instance = await DuckDBInstance.create(path);
const connection = await instance.connect();
const file = (name) => `'${join(dir, `${name}.jsonl`).replaceAll("'", "''")}'`;
await connection.run(`CREATE TABLE users AS SELECT * FROM read_json(${file('users')})`);
await connection.run(`CREATE TABLE purchases AS SELECT * FROM read_json(${file('purchases')})`);
await connection.run('CHECKPOINT');
connection.closeSync();
instance.closeSync();
