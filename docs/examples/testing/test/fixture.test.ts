import assert from 'node:assert/strict';
import { test } from 'node:test';
import { read, useHttpFixture } from '@tributary/cdk/testing';
import { TasksSource } from '../../http-api/src/index.js';
import { startTasksApi } from '../../http-api/test/tasks-api.js';

// #region fixture
// Recorded once from the API, replayed offline on every run. To record it again, run the test
// with TRIBUTARY_RECORD=tasks-fixture and a real key in TASKS_API_KEY (here, the example's local
// API stands in for the real one, on the URL the fixture was recorded from).
const recording = process.env.TRIBUTARY_RECORD !== undefined;
const config = { api_url: 'http://127.0.0.1:18790/v1', api_key: process.env.TASKS_API_KEY ?? 'dummy-key-for-replay' };

test('tasks of every project, replayed from a recorded fixture', async () => {
  const api = recording ? await startTasksApi({ port: 18790 }) : undefined;
  const fixture = useHttpFixture(new URL('./fixtures/tasks-fixture.json', import.meta.url), {
    note: 'Recorded from the Tasks API example (docs/examples/http-api/test/tasks-api.ts)',
  });
  try {
    const result = await read(new TasksSource(), { config: { ...config, _concurrency: 1 }, streams: ['tasks'] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('tasks').length, 36); // 3, 6, 12 and 15 tasks; project 3 answers 410
  } finally {
    await fixture.done(); // record: writes the file, secrets redacted; replay: fails on requests left unused
    await api?.close();
  }
});
// #endregion fixture
