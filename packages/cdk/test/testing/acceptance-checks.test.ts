/**
 * The acceptance suite catches what it promises to catch: a sound source passes every check,
 * and each defect fails exactly the checks about it, with a message that says where.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type AcceptanceReport, type CheckId, formatReport, runAcceptance } from '../../src/testing/index.js';
import { type Defect, ExampleSource } from './example-source.js';

const options = { config: { api_key: 'good-key', count: 30 }, invalidConfig: { api_key: 'bad-key' } };

function failed(report: AcceptanceReport): CheckId[] {
  return report.checks.filter((check) => check.status === 'fail').map((check) => check.id);
}

function messageOf(report: AcceptanceReport, id: CheckId): string {
  return report.checks.find((check) => check.id === id)?.message ?? '';
}

test('a sound source passes every check', async () => {
  const report = await runAcceptance(() => new ExampleSource(), options);
  assert.equal(report.passed, true, formatReport(report));
  assert.deepEqual(
    report.checks.filter((check) => check.status !== 'pass').map((check) => check.id),
    [],
  );
  assert.equal(report.name, 'connector');
  const table = formatReport(report);
  assert.match(table, /^PASS {4}spec: prints one valid SPEC message and exits 0/m);
  assert.match(table, /18 passed, 0 failed, 0 skipped/);
});

const cases: Array<{ defect: Defect; fails: CheckId[]; message: RegExp }> = [
  { defect: 'record-type', fails: ['read-records'], message: /stream 'items' record #4: \/size must be integer \(got "big"\)/ },
  { defect: 'duplicate-key', fails: ['read-primary-keys'], message: /stream 'items' records #2 and #3 share the primary key \[2\]/ },
  { defect: 'unmarked-secret', fails: ['spec-secrets'], message: /connectionSpecification\.properties\.api_key looks like a credential/ },
  { defect: 'accepts-anything', fails: ['check-invalid'], message: /the connection status is SUCCEEDED, expected FAILED/ },
  { defect: 'random-values', fails: ['full-refresh-idempotent'], message: /stream 'items': 30 record\(s\) only in the first read/ },
  {
    defect: 'ignores-state',
    fails: ['incremental-no-older'],
    message:
      /stream 'events': 29 record\(s\) older than the cursor "2024-01-01T00:30:00.000Z" \(the final state\), e.g. at = "2024-01-01T00:01:00.000Z"/,
  },
  {
    defect: 'state-ahead',
    fails: ['incremental-resume'],
    message:
      /stream 'events': resumed from state #2 of 4 \(\{"at":"2024-01-01T00:25:00.000Z"\}\), 5 of the 10 records read after it are missing/,
  },
  {
    defect: 'key-not-in-schema',
    fails: ['discover-keys', 'read-primary-keys'],
    message: /stream 'items': primary key uuid is not a property of its schema/,
  },
  {
    defect: 'invalid-schema',
    fails: ['discover-schemas', 'read-records'],
    message: /stream 'items' json_schema at \/properties\/name\/type must be equal to one of the allowed values/,
  },
  {
    defect: 'stream-fails',
    fails: ['read', 'read-records', 'read-non-empty', 'read-primary-keys', 'full-refresh-idempotent'],
    message: /TRACE error \(stream 'items'\) \[transient_error\]: the items API is down/,
  },
  { defect: 'empty-items', fails: ['read-non-empty'], message: /stream 'items' has no records/ },
];

for (const { defect, fails, message } of cases) {
  test(`a source with the defect '${defect}' fails ${fails.join(', ')}`, async () => {
    const report = await runAcceptance(() => new ExampleSource(defect), options);
    assert.deepEqual(failed(report), fails, formatReport(report));
    assert.match(messageOf(report, fails[0]!), message);
    assert.equal(report.passed, false);
  });
}

test('a $ref left in a discovered schema fails discover-schemas', async () => {
  const report = await runAcceptance(() => new ExampleSource('ref-left'), options);
  assert.ok(failed(report).includes('discover-schemas'), formatReport(report));
  assert.match(messageOf(report, 'discover-schemas'), /stream 'items' json_schema still has a \$ref at \/properties\/size/);
});

test('options: skip with a reason, emptyStreams, streams, no invalid config; a failing discover blocks the reads', async () => {
  const report = await runAcceptance(() => new ExampleSource('empty-items'), {
    config: { api_key: 'good-key', count: 30 },
    emptyStreams: ['items'],
    streams: ['items'],
    skip: { 'spec-secrets': 'tested elsewhere' },
  });
  const byId = new Map(report.checks.map((check) => [check.id, check]));
  assert.equal(byId.get('spec-secrets')?.status, 'skip');
  assert.equal(byId.get('spec-secrets')?.message, 'tested elsewhere');
  assert.equal(byId.get('check-invalid')?.status, 'skip');
  assert.equal(byId.get('read-non-empty')?.status, 'pass');
  assert.equal(byId.get('incremental-no-older')?.message, 'no stream supports incremental reads');
  assert.equal(report.passed, true, formatReport(report));
  assert.match(formatReport(report), /SKIP {4}spec: secret fields are marked airbyte_secret \(skipped: tested elsewhere\)/);

  const broken = await runAcceptance(() => new ExampleSource(), { config: { api_key: 'good-key', count: 0 } });
  assert.match(messageOf(broken, 'read'), /discover failed, so nothing can be read: exit code 1: \[config_error\] Config validation error/);
  assert.match(messageOf(broken, 'check'), /the connection status is FAILED/);
});

test('a check that takes too long fails with the time limit', async () => {
  class Slow extends ExampleSource {
    async checkConnection(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 2000).unref());
    }
  }
  const report = await runAcceptance(() => new Slow(), { ...options, timeoutMs: 200, skip: { protocol: 'slow' } });
  assert.equal(report.checks.find((check) => check.id === 'check')?.status, 'fail');
  assert.match(messageOf(report, 'check'), /timed out after 200 ms/);
});
