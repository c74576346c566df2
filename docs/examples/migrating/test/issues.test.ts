import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, mockHttp, read } from '@tributary/cdk/testing';
import { IssuesSource } from '../src/index.js';

const config = { token: 'ghp_example_token_1234', repository: 'acme/widgets' };
const issue = (number: number) => ({ number, title: `Issue ${number}`, updated_at: `2024-02-0${number}T00:00:00Z`, extra: 'dropped' });

test('the ported stream reads page by page and keeps the greatest updated_at', async () => {
  const http = mockHttp({ ordered: true });
  const url = 'https://api.example.com/repos/acme/widgets/issues';
  http.expect({ url, query: { sort: 'updated', direction: 'asc', page: '1' } }).respond({ json: [issue(1), issue(2)] });
  http.expect({ url, query: { sort: 'updated', direction: 'asc', page: '2' } }).respond({ json: [issue(3)] });
  http.expect({ url, query: { sort: 'updated', direction: 'asc', page: '3' } }).respond({ json: [] });
  try {
    const result = await read(new IssuesSource(), { config, streams: [{ name: 'issues', syncMode: 'incremental' }] });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      result.recordsOf('issues').map((record) => record.number),
      [1, 2, 3],
    );
    assert.deepEqual(result.latestState('issues'), { updated_at: '2024-02-03T00:00:00Z' });
    assert.equal(http.requests[0]?.headers.authorization, 'Bearer ghp_example_token_1234');
  } finally {
    await http.done();
  }
});

test('check: a thrown error is the FAILED message', async () => {
  const result = await check(new IssuesSource(), { config: { token: 'nope' } });
  assert.equal(result.connectionStatus.message, 'the token should start with ghp_');
});
