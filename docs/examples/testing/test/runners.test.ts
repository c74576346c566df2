import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CatalogBuilder, check, discover, read, StateBuilder, spec } from '@tributary/cdk/testing';
import { TasksSource } from '../../http-api/src/index.js';
import { API_KEY, startTasksApi } from '../../http-api/test/tasks-api.js';

// #region runners
test('spec, check and discover run in this process, as the command line runs them', async () => {
  const api = await startTasksApi();
  try {
    const config = { api_url: api.url, api_key: API_KEY };
    assert.deepEqual((await spec(new TasksSource())).spec.connectionSpecification.required, ['api_url', 'api_key']);
    assert.equal((await check(new TasksSource(), { config })).connectionStatus.status, 'SUCCEEDED');
    // A config the spec refuses: FAILED (exit code 0), naming the field.
    const bad = await check(new TasksSource(), { config: { ...config, page_size: 0 } });
    assert.equal(bad.connectionStatus.status, 'FAILED');
    assert.match(bad.connectionStatus.message ?? '', /page_size/);
    const discovered = await discover(new TasksSource(), { config });
    assert.deepEqual(discovered.stream('tasks').default_cursor_field, ['updated_at']);
  } finally {
    await api.close();
  }
});

test('read with a catalog and a state built for the test', async () => {
  const api = await startTasksApi();
  try {
    const config = { api_url: api.url, api_key: API_KEY };
    const catalog = new CatalogBuilder().stream('tasks', { syncMode: 'incremental', cursorField: ['updated_at'], primaryKey: [['id']] });
    const state = new StateBuilder().stream('tasks', {
      states: [{ partition: { parent_id: 5 }, cursor: { updated_at: '2024-01-01T13:00:00.000Z' } }],
    });
    const result = await read(new TasksSource(), { config, catalog, state });
    assert.equal(result.exitCode, 0, result.describeErrors());
    const ofProject5 = result.recordsOf('tasks').filter((task) => task.project_id === 5);
    assert.deepEqual(
      ofProject5.map((task) => task.updated_at),
      ['2024-01-01T13:00:00.000Z', '2024-01-01T14:00:00.000Z'],
    );
    assert.deepEqual(result.statusesOf('tasks'), ['STARTED', 'RUNNING', 'COMPLETE']);
  } finally {
    await api.close();
  }
});
// #endregion runners
