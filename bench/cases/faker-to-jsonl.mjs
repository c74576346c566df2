// Case f, preparation: the faker's users and purchases as JSON lines, one file per stream
// (<dir>/users.jsonl, <dir>/purchases.jsonl), read in-process exactly as `tributary sync` reads
// them (bench/lib/faker-in-process.mjs, as faker-read-only.mjs), each record's `data` one line.
// DuckDB's own ingest of these files is the yardstick of the sync. Usage:
// node faker-to-jsonl.mjs <users-count> <dir>; exits 1 unless it wrote 2 × users-count records.
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readFaker } from '../lib/faker-in-process.mjs';

const count = Number(process.argv[2]);
const dir = process.argv[3];

/** A file per stream, written in ~1 MB pieces. */
const files = new Map(
  ['users', 'purchases'].map((name) => [name, { fd: openSync(join(dir, `${name}.jsonl`), 'w'), text: '', records: 0 }]),
);
const flush = (file) => {
  writeSync(file.fd, file.text);
  file.text = '';
};
const ok = await readFaker(count, (descriptor) => {
  const file = files.get(descriptor.name);
  return (data) => {
    file.text += `${JSON.stringify(data)}\n`;
    file.records++;
    if (file.text.length > 1_000_000) flush(file);
    return false;
  };
});
let records = 0;
for (const file of files.values()) {
  flush(file);
  closeSync(file.fd);
  records += file.records;
}
process.stderr.write(`records=${records}\n`);
process.exit(ok && records === 2 * count ? 0 : 1);
