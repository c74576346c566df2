/** `acceptanceTests` registers one test per check with node:test (below) or any runner given as a framework. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptanceTests, CHECK_IDS, type TestFramework } from '../../src/testing/index.js';
import { ExampleSource } from './example-source.js';

test('with a vitest-style framework: a describe block, hooks, a test per check, skips through the context', async () => {
  const registered: Array<{ name: string; body: (context: { skip?: (message?: string) => void }) => Promise<void>; timeout?: number }> = [];
  const hooks: { before: Array<() => Promise<void>>; after: Array<() => Promise<void>> } = { before: [], after: [] };
  let suite = '';
  const framework: TestFramework = {
    describe: (name, body) => {
      suite = name;
      body();
    },
    test: (name, body, timeout) => registered.push({ name, body, timeout }),
    before: (body) => hooks.before.push(body),
    after: (body) => hooks.after.push(body),
  };
  const events: string[] = [];
  acceptanceTests(new ExampleSource('duplicate-key'), {
    framework,
    config: { api_key: 'good-key', count: 30 },
    timeoutMs: 60_000,
    before: () => {
      events.push('before');
    },
    after: () => {
      events.push('after');
    },
  });
  assert.equal(suite, 'acceptance: ExampleSource');
  assert.equal(registered.length, CHECK_IDS.length);
  assert.ok(registered.every((item) => item.timeout === 60_000));

  for (const hook of hooks.before) await hook();
  const outcomes = new Map<string, string>();
  for (const { name, body } of registered) {
    let skipped: string | undefined;
    try {
      await body({ skip: (message) => (skipped = message ?? '') });
      outcomes.set(name, skipped === undefined ? 'pass' : `skip: ${skipped}`);
    } catch (error) {
      outcomes.set(name, `fail: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  for (const hook of hooks.after) await hook();
  assert.deepEqual(events, ['before', 'after']);
  assert.equal(outcomes.get('check: FAILED (exit 0) with the invalid config'), 'skip: no invalidConfig given');
  assert.equal(
    outcomes.get('read: primary keys are present and unique within a full refresh'),
    'fail: Primary keys are missing or repeated:',
  );
  assert.equal([...outcomes.values()].filter((outcome) => outcome === 'pass').length, CHECK_IDS.length - 2);
});

// And with node:test itself, the default: these run as part of this file.
acceptanceTests(() => new ExampleSource(), {
  name: 'example source (node:test)',
  config: { api_key: 'good-key', count: 30 },
  invalidConfig: { api_key: 'bad-key' },
});
