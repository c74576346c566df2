// Case f, the read-only half: the faker connector read in-process exactly as `tributary sync`
// reads it (the same invoke(), the same catalog: users and purchases, incremental), into a sink
// that only counts the records. Its throughput next to the end-to-end sync shows what the
// DuckDB destination costs. Usage: node faker-read-only.mjs <users-count>; prints the record
// count on stderr and exits 1 unless it is 2 × users-count.
import { invoke } from '@tributary/cdk/runtime';
import { FakerSource } from '../../connectors/source-faker/dist/index.js';

const count = Number(process.argv[2]);
const config = { count, seed: 42 };
let catalog;
const quiet = { isClosed: false, writeMessage: () => {}, recordWriter: () => () => false, drain: async () => {} };
await invoke(
  new FakerSource(),
  { command: 'discover', config },
  { ...quiet, writeMessage: (m) => (catalog = m.type === 'CATALOG' ? m.catalog : catalog) },
);
const streams = catalog.streams
  .filter((stream) => stream.name === 'users' || stream.name === 'purchases')
  .map((stream) => ({
    stream,
    sync_mode: 'incremental',
    destination_sync_mode: 'append_dedup',
    cursor_field: stream.default_cursor_field,
  }));
let records = 0;
let failed = false;
const sink = {
  isClosed: false,
  writeMessage: (message) => {
    if (message.type === 'TRACE' && message.trace.type === 'ERROR') failed = true;
  },
  recordWriter: () => () => {
    records++;
    return false;
  },
  drain: async () => {},
};
const code = await invoke(new FakerSource(), { command: 'read', config, catalog: { streams } }, sink);
process.stderr.write(`records=${records}\n`);
process.exit(code === 0 && !failed && records === 2 * count ? 0 : 1);
