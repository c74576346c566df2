import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, read } from '@tributary/cdk/testing';
import { type Task, TasksSource } from '../src/index.js';
import { API_KEY, startTasksApi, TASKS, type TasksApi } from './tasks-api.js';

let api: TasksApi;
before(async () => {
  api = await startTasksApi({ rateLimitOnce: true });
});
after(() => api.close());

// #region full-refresh
test('a full refresh follows the cursors, skips the archived project, waits out the 429', async () => {
  const config = { api_url: api.url, api_key: API_KEY, page_size: 4 };
  const result = await read(new TasksSource(), { config });
  assert.equal(result.exitCode, 0, result.describeErrors());
  assert.equal(result.recordsOf('projects').length, 5);
  // Projects are read concurrently, so their tasks interleave; project 3 answers 410: ignored.
  const byId = (a: Task, b: Task) => a.id - b.id;
  assert.deepEqual(
    result.recordsOf<Task>('tasks').sort(byId),
    TASKS.filter((task) => task.project_id !== 3),
  );
  // Five projects, four a page: two pages, the second asked for with the cursor of the first. Twice:
  // the projects stream reads them, and so does the tasks stream's own parent instance.
  const cursors = api.requests.filter((request) => request.path === '/v1/projects').map((request) => request.query.cursor ?? 'first');
  assert.deepEqual(cursors.sort(), ['NA==', 'NA==', 'first', 'first']);
  assert.ok(api.requests.every((request) => request.apiKey === API_KEY));
  // The 429 was retried after the second its Retry-After asked for: project 2's tasks were asked twice.
  assert.equal(api.requests.filter((request) => request.path === '/v1/projects/2/tasks' && request.query.cursor === undefined).length, 2);
});
// #endregion full-refresh

// #region partitions
test('read incrementally, each project keeps its own cursor', async () => {
  const config = { api_url: api.url, api_key: API_KEY };
  const first = await read(new TasksSource(), { config, streams: [{ name: 'tasks', syncMode: 'incremental' }] });
  assert.equal(first.exitCode, 0, first.describeErrors());
  const state = first.latestState('tasks');
  assert.deepEqual(state?.states, [
    { partition: { parent_id: 1 }, cursor: { updated_at: '2024-01-01T02:00:00.000Z' } },
    { partition: { parent_id: 2 }, cursor: { updated_at: '2024-01-01T05:00:00.000Z' } },
    { partition: { parent_id: 3 }, cursor: {} },
    { partition: { parent_id: 4 }, cursor: { updated_at: '2024-01-01T11:00:00.000Z' } },
    { partition: { parent_id: 5 }, cursor: { updated_at: '2024-01-01T14:00:00.000Z' } },
  ]);
  // The next sync asks each project only for what changed since its own cursor.
  api.requests.length = 0;
  const second = await read(new TasksSource(), { config, streams: [{ name: 'tasks', syncMode: 'incremental' }], state: first.finalState });
  assert.equal(second.exitCode, 0, second.describeErrors());
  const asked = api.requests.filter((request) => request.path === '/v1/projects/4/tasks');
  assert.equal(asked[0]?.query.updated_since, '2024-01-01T11:00:00.000Z');
});
// #endregion partitions

test('check: a wrong key fails with the API answer, the key masked', async () => {
  const result = await check(new TasksSource(), { config: { api_url: api.url, api_key: 'wrong-key-1234' } });
  assert.equal(result.connectionStatus.status, 'FAILED');
  assert.match(result.connectionStatus.message ?? '', /401/);
  assert.doesNotMatch(JSON.stringify(result.messages), /wrong-key-1234/);
});
