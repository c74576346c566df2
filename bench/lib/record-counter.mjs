// Checks a connector's stdout as it streams by (the counted pipe run): counts lines, bytes and
// messages per type, counts RECORD lines, and parses a sample of records (the first, every
// `sampleEvery`-th and the last) to check that record k is exactly makeRecord(k) of the right
// stream, so a missing, repeated or damaged record shows up. Other lines are parsed in full;
// a TRACE error among them fails the check.
import { isDeepStrictEqual } from 'node:util';
import { makeRecord, STREAM_NAME } from '../records.mjs';

const RECORD_MARK = Buffer.from('"type":"RECORD"');
const NEWLINE = 10;

export class RecordCounter {
  constructor({ sampleEvery = 1000 } = {}) {
    this.sampleEvery = sampleEvery;
    this.bytes = 0;
    this.lines = 0;
    this.records = 0;
    this.types = {};
    this.samplesChecked = 0;
    this.problems = [];
    this.carry = null;
    this.lastRecordLine = null;
  }

  push(chunk) {
    this.bytes += chunk.length;
    let start = 0;
    let end = chunk.indexOf(NEWLINE, start);
    if (this.carry !== null && end !== -1) {
      this.line(Buffer.concat([this.carry, chunk.subarray(0, end)]));
      this.carry = null;
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    while (end !== -1) {
      this.line(chunk.subarray(start, end));
      start = end + 1;
      end = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.carry = this.carry === null ? Buffer.from(rest) : Buffer.concat([this.carry, rest]);
    }
  }

  /** The summary; `expectedRecords` adds a problem when the count differs. */
  finish(expectedRecords) {
    if (this.carry !== null && this.carry.length > 0) this.problem('output does not end with a newline');
    const last = this.records - 1;
    if (this.lastRecordLine !== null && last % this.sampleEvery !== 0) this.checkRecord(this.lastRecordLine, last);
    if (expectedRecords !== undefined && this.records !== expectedRecords) {
      this.problem(`expected ${expectedRecords} RECORD messages, counted ${this.records}`);
    }
    const { bytes, lines, records, types, samplesChecked, problems } = this;
    return { bytes, lines, records, types, samplesChecked, problems, ok: problems.length === 0 };
  }

  line(line) {
    this.lines++;
    if (line.indexOf(RECORD_MARK) !== -1) {
      const index = this.records++;
      this.types.RECORD = (this.types.RECORD ?? 0) + 1;
      if (index % this.sampleEvery === 0) this.checkRecord(line, index);
      this.lastRecordLine = line;
      return;
    }
    let message;
    try {
      message = JSON.parse(line.toString('utf8'));
    } catch {
      this.problem(`line ${this.lines} is not JSON: ${line.toString('utf8').slice(0, 120)}`);
      return;
    }
    const type = typeof message?.type === 'string' ? message.type : '(no type)';
    this.types[type] = (this.types[type] ?? 0) + 1;
    if (type === 'TRACE' && message.trace?.type === 'ERROR') {
      this.problem(`the connector reported an error: ${message.trace.error?.message ?? JSON.stringify(message.trace)}`);
    }
  }

  checkRecord(line, index) {
    this.samplesChecked++;
    let message;
    try {
      message = JSON.parse(line.toString('utf8'));
    } catch {
      this.problem(`RECORD #${index} is not JSON`);
      return;
    }
    const record = message?.record;
    if (message?.type !== 'RECORD' || record?.stream !== STREAM_NAME || !Number.isInteger(record?.emitted_at)) {
      this.problem(`RECORD #${index} has a wrong envelope: ${line.toString('utf8').slice(0, 160)}`);
    } else if (!isDeepStrictEqual(record.data, makeRecord(index))) {
      this.problem(`RECORD #${index} is not record ${index}: ${JSON.stringify(record.data).slice(0, 160)}`);
    }
  }

  problem(text) {
    if (this.problems.length < 5) this.problems.push(text);
  }
}
