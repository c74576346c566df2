import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mockHttp, read } from '@tributary/cdk/testing';
import { TasksSource } from '../../http-api/src/index.js';

// #region mock
test('an HTTP mock answers the requests the test expects, and nothing else', async () => {
  const http = mockHttp(); // every request of this process goes to the mock until done()
  try {
    http
      .expect({ url: 'https://api.tasks.example/v1/projects', query: { include_archived: 'true', limit: '50' } })
      .respond({ json: { data: [{ id: 1, name: 'Launch', archived: false }], meta: { next_cursor: 'b2' } } });
    http
      .expect({ url: 'https://api.tasks.example/v1/projects', query: { include_archived: 'true', limit: '50', cursor: 'b2' } })
      .respond({ status: 503, json: { error: 'maintenance' } }) // retried...
      .respond({ json: { data: [{ id: 2, name: 'Docs', archived: true }], meta: { next_cursor: null } } }); // ...and answered
    const config = { api_url: 'https://api.tasks.example/v1', api_key: 'mock-key-1234' };
    const result = await read(new TasksSource(), { config, streams: ['projects'] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      result.recordsOf('projects').map((project) => project.name),
      ['Launch', 'Docs'],
    );
    assert.equal(http.requests[0]?.headers['x-api-key'], 'mock-key-1234');
  } finally {
    await http.done(); // fails the test on an unexpected request, or an expected one never made
  }
});
// #endregion mock
