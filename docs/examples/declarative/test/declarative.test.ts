import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { discover, spec } from '@tributary/cdk/testing';
import { DeclarativeSource, loadManifestFile } from '@tributary/declarative';

const MANIFEST = fileURLToPath(new URL('../manifest.yaml', import.meta.url));
const config = { api_url: 'https://api.tasks.example/v1', api_key: 'my-api-key', start_date: '2024-01-01T00:00:00Z' };

// #region in-code
test('a manifest is a Source: the test kit runs it like any connector', async () => {
  const source = new DeclarativeSource(MANIFEST);
  assert.deepEqual((await spec(source)).spec.connectionSpecification.required, ['api_url', 'api_key', 'start_date']);
  const discovered = await discover(source, { config });
  assert.deepEqual(discovered.streamNames, ['projects', 'tasks']);
  assert.deepEqual(discovered.stream('tasks').default_cursor_field, ['updated_at']);
  assert.deepEqual(discovered.stream('tasks').supported_sync_modes, ['full_refresh', 'incremental']);
});

test('the loaded manifest: references resolved, parameters passed down, typed', () => {
  const manifest = loadManifestFile(MANIFEST);
  const tasks = manifest.resolved.streams?.[1];
  assert.ok(tasks !== undefined && tasks.name === 'tasks');
  // `$parameters: { path: tasks }` reached the requester that `$ref` copied from the definitions,
  // where `{{ parameters['path'] }}` reads it.
  const requester = (tasks.retriever as { requester?: { path?: string; $parameters?: object } }).requester;
  assert.equal(requester?.path, "/{{ parameters['path'] }}");
  assert.deepEqual(requester?.$parameters, { path: 'tasks' });
});
// #endregion in-code
