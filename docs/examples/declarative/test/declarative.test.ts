import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { discover, read, spec } from '@tributary/cdk/testing';
import { DeclarativeSource, loadManifestFile } from '@tributary/declarative';
import { TasksSource } from '../src/tasks.js';

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

// api.mjs, the guide's local API, run as the guide runs it: a child process that prints its URL.
let api: ChildProcess;
let apiUrl: string;
before(async () => {
  api = spawn(process.execPath, [fileURLToPath(new URL('../api.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [firstOutput] = (await once(api.stdout!, 'data')) as [Buffer];
  apiUrl = firstOutput.toString().trim();
});
after(() => api.kill());

// #region compare
test('the manifest and the TypeScript stream read the same records and write the same state', async () => {
  const config = { api_url: apiUrl, api_key: 'my-api-key', start_date: '2024-01-01T00:00:00Z' };
  const streams = [{ name: 'tasks', syncMode: 'incremental' as const }];
  const fromManifest = await read(new DeclarativeSource(MANIFEST), { config, streams });
  const fromCode = await read(new TasksSource(), { config, streams });
  assert.equal(fromManifest.exitCode, 0, fromManifest.describeErrors());
  assert.equal(fromCode.exitCode, 0, fromCode.describeErrors());
  assert.equal(fromManifest.recordsOf('tasks').length, 3);
  assert.deepEqual(fromCode.recordsOf('tasks'), fromManifest.recordsOf('tasks'));
  assert.deepEqual(fromManifest.latestState('tasks'), { updated_at: '2024-03-03T14:00:00Z' });
  assert.deepEqual(fromCode.latestState('tasks'), fromManifest.latestState('tasks'));
});
// #endregion compare
