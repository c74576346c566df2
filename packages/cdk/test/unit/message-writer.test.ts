import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { MessageWriter } from '../../src/output/message-writer.js';
import { secretMasker } from '../../src/output/secret-masker.js';
import { errorTraceMessage } from '../../src/protocol/messages.js';

function collecting(): { out: Writable; text: () => string } {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { out, text: () => chunks.join('') };
}

test('writeFinal writes the message as the last line: later lines are dropped', async () => {
  const { out, text } = collecting();
  const writer = new MessageWriter(out, { masker: secretMasker });
  const write = writer.recordWriter({ name: 'items' });
  write({ id: 1 });
  writer.writeFinal(errorTraceMessage({ message: 'stopped', failure_type: 'transient_error' }));
  assert.equal(write({ id: 2 }), false);
  writer.writeMessage({ type: 'LOG', log: { level: 'INFO', message: 'late' } });
  await writer.close();
  const lines = text()
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual(
    lines.map((line) => line.type),
    ['RECORD', 'TRACE'],
  );
  assert.equal(lines[1].trace.error.message, 'stopped');
});

test('closeWithin resolves true once everything is written, false when the destination never takes it', async () => {
  const { out } = collecting();
  const writer = new MessageWriter(out, { masker: secretMasker });
  writer.writeMessage({ type: 'LOG', log: { level: 'INFO', message: 'hello' } });
  assert.equal(await writer.closeWithin(5_000), true);

  const stalled = new Writable({ highWaterMark: 16, write() {} });
  const stuck = new MessageWriter(stalled, { masker: secretMasker });
  stuck.writeMessage({ type: 'LOG', log: { level: 'INFO', message: 'never taken' } });
  assert.equal(await stuck.closeWithin(50), false);
});
