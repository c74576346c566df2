// Case (a), the raw Node ceiling: no CDK. Generates the records, JSON.stringify-s each whole
// RECORD envelope, joins lines into ~64 KiB chunks and writes them to stdout, waiting for
// 'drain' whenever stdout reports it is full. Usage: node raw-ceiling.mjs <count>
import { once } from 'node:events';
import { makeRecord, STREAM_NAME } from '../records.mjs';

const BATCH_CHARS = 64 * 1024;
const count = Number(process.argv[2]);
if (!Number.isInteger(count) || count < 0) {
  process.stderr.write('usage: raw-ceiling.mjs <count>\n');
  process.exit(2);
}

const out = process.stdout;
let batch = '';
for (let i = 0; i < count; i++) {
  const message = { type: 'RECORD', record: { stream: STREAM_NAME, data: makeRecord(i), emitted_at: Date.now() } };
  batch += `${JSON.stringify(message)}\n`;
  if (batch.length >= BATCH_CHARS) {
    const accepted = out.write(batch);
    batch = '';
    if (!accepted) await once(out, 'drain');
  }
}
if (batch.length > 0) out.write(batch);
