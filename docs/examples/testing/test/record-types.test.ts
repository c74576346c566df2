import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { recordTypesModule } from '@tributary/cdk';
import { discover, read } from '@tributary/cdk/testing';
import { TasksSource } from '../../http-api/src/index.js';
import { API_KEY, startTasksApi } from '../../http-api/test/tasks-api.js';
import type { TasksRecord } from '../src/schema-types.js';

// #region record-types
const TYPES_FILE = new URL('../src/schema-types.ts', import.meta.url);

test('src/schema-types.ts matches the schemas (UPDATE_TYPES=1 rewrites it)', async () => {
  const discovered = await discover(new TasksSource(), { config: { api_url: 'https://unused.example', api_key: 'unused-key' } });
  const expected = recordTypesModule(discovered.catalog.streams);
  if (process.env.UPDATE_TYPES === '1') writeFileSync(TYPES_FILE, expected);
  assert.equal(readFileSync(TYPES_FILE, 'utf8'), expected, 'the schemas changed: run this test with UPDATE_TYPES=1');
});

test('records typed from the schema', async () => {
  const api = await startTasksApi();
  try {
    const result = await read(new TasksSource(), { config: { api_url: api.url, api_key: API_KEY }, streams: ['tasks'] });
    const tasks: TasksRecord[] = result.recordsOf<TasksRecord>('tasks');
    assert.ok(tasks.every((task) => typeof task.updated_at === 'string' && task.id > 0)); // checked by tsc too
  } finally {
    await api.close();
  }
});
// #endregion record-types
