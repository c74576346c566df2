// Case i, preparation: the faker's users and purchases as JSON lines, one file per stream
// (<dir>/users.jsonl, <dir>/purchases.jsonl), read in-process exactly as `tributary sync` reads
// them (the same invoke() and catalog as faker-read-only.mjs), each record's `data` one line.
// DuckDB's own ingest of these files is the yardstick of the sync. Usage:
// node faker-to-jsonl.mjs <users-count> <dir>; exits 1 unless it wrote 2 × users-count records.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { invoke } from '@tributary/cdk/runtime';
import { FakerSource } from '../../connectors/source-faker/dist/index.js';

const count = Number(process.argv[2]);
const dir = process.argv[3];
const config = { count, seed: 42 };
let catalog;
const quiet = { isClosed: false, writeMessage: () => {}, recordWriter: () => () => false, drain: async () => {} };
await invoke(
  new FakerSource(),
  { command: 'discover', config },
  { ...quiet, writeMessage: (m) => (catalog = m.type === 'CATALOG' ? m.catalog : catalog) },
);
const wanted = ['users', 'purchases'];
const streams = catalog.streams
  .filter((stream) => wanted.includes(stream.name))
  .map((stream) => ({
    stream,
    sync_mode: 'incremental',
    destination_sync_mode: 'append_dedup',
    cursor_field: stream.default_cursor_field,
  }));

/** A file per stream, written in ~1 MB pieces. */
const files = new Map(wanted.map((name) => [name, { fd: openSync(join(dir, `${name}.jsonl`), 'w'), text: '', records: 0 }]));
const flush = (file) => {
  writeSync(file.fd, file.text);
  file.text = '';
};
let failed = false;
const sink = {
  isClosed: false,
  writeMessage: (message) => {
    if (message.type === 'TRACE' && message.trace.type === 'ERROR') failed = true;
  },
  recordWriter: (descriptor) => {
    const file = files.get(descriptor.name);
    return (data) => {
      file.text += `${JSON.stringify(data)}\n`;
      file.records++;
      if (file.text.length > 1_000_000) flush(file);
      return false;
    };
  },
  drain: async () => {},
};
const code = await invoke(new FakerSource(), { command: 'read', config, catalog: { streams } }, sink);
let records = 0;
for (const file of files.values()) {
  flush(file);
  closeSync(file.fd);
  records += file.records;
}
process.stderr.write(`records=${records}\n`);
process.exit(code === 0 && !failed && records === 2 * count ? 0 : 1);
