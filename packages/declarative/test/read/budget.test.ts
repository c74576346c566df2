/**
 * The manifest's `api_budget` (HTTPAPIBudget) through a real read: a moving window holds requests
 * back until the window has room, a fixed window follows the API's rate-limit headers, matchers
 * choose the policy (the first that matches; no policy, no limit). The waits are checked as lower
 * bounds on when the server saw each request (never as upper bounds); a budget that wrongly holds
 * a request back would hang its test, which then times out.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { discover, read } from '@tributary/cdk/testing';
import { manifest, page, readManifest, sourceOf, stream, useApi, yaml } from './mock-api.js';

const api = useApi();
const config = () => ({ base_url: api.url, limit: 2 });
const SLACK_MS = 5;

/** A stream of `count` partitions on `path` (one request each), with the `api_budget` section `budget`. */
function partitioned(budget: string, path = '/items', count = 4, requester = ''): string {
  const values = JSON.stringify(Array.from({ length: count }, (_, index) => `p${index}`));
  const retriever = `partition_router: {type: ListPartitionRouter, cursor_field: part, values: ${values}, request_option: {type: RequestOption, inject_into: request_parameter, field_name: part}}`;
  return manifest(stream('items', path, { retriever, requester }), { extra: budget });
}

describe('HTTPAPIBudget', () => {
  test('MovingWindowCallRatePolicy: no more than `limit` calls in any interval (limit from config)', { timeout: 20_000 }, async () => {
    api.server.on(
      '/items',
      page(({ url }) => [{ id: url.searchParams.get('part') }]),
    );
    const budget = yaml`
      api_budget:
        type: HTTPAPIBudget
        policies:
          - type: MovingWindowCallRatePolicy
            rates: [{limit: "{{ config.limit }}", interval: PT0.6S}]
            matchers: []
    `;
    const result = await readManifest(partitioned(budget), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('items').length, 4);
    const at = api.server.requests.map((request) => request.at);
    // The budget counts when a request leaves; the server sees it a little later (the first opens the connection).
    assert.ok(at[2] - at[0] >= 500, `the third request came ${at[2] - at[0]} ms after the first`);
    assert.ok(at[3] - at[1] >= 500, `the fourth request came ${at[3] - at[1]} ms after the second`);
  });

  test('FixedWindowCallRatePolicy follows ratelimit-remaining and ratelimit-reset from the API', { timeout: 20_000 }, async () => {
    let resetAt = 0;
    api.server.on('/items', ({ res, url }) => {
      resetAt = Math.floor(Date.now() / 1000) + 1;
      res.writeHead(200, { 'content-type': 'application/json', 'ratelimit-remaining': '0', 'ratelimit-reset': String(resetAt) });
      res.end(JSON.stringify({ data: [{ id: url.searchParams.get('part') }] }));
    });
    const budget = yaml`
      api_budget:
        type: HTTPAPIBudget
        policies:
          - {type: FixedWindowCallRatePolicy, period: PT1H, call_limit: 100, matchers: []}
    `;
    const result = await readManifest(partitioned(budget, '/items', 2), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    const [first, second] = api.server.requests;
    const firstReset = Math.floor(first.at / 1000) + 1;
    assert.ok(
      second.at >= firstReset * 1000 - SLACK_MS,
      `the second request came at ${second.at}, before the reset at ${firstReset * 1000}`,
    );
  });

  /** An api_budget section of the given policies (YAML flow mappings). */
  const policies = (...items: string[]) =>
    `api_budget:\n  type: HTTPAPIBudget\n  policies:\n${items.map((item) => `    - ${item}`).join('\n')}`;
  const ONE_A_DAY = 'type: FixedWindowCallRatePolicy, period: P1D, call_limit: 1';

  test('the first policy that matches applies: an UnlimitedCallRatePolicy before a limit', { timeout: 20_000 }, async () => {
    api.server.on(
      '/free',
      page(({ url }) => [{ id: url.searchParams.get('part') }]),
    );
    const budget = policies(
      `{type: UnlimitedCallRatePolicy, matchers: [{type: HttpRequestRegexMatcher, url_path_pattern: "^/fr", url_base: "${api.url}"}]}`,
      `{${ONE_A_DAY}, matchers: []}`,
    );
    const result = await readManifest(partitioned(budget, '/free', 5), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('items').length, 5);
  });

  test('a policy whose matchers do not match (method, params, headers) does not limit the request', { timeout: 20_000 }, async () => {
    api.server.on(
      '/items',
      page(({ url }) => [{ id: url.searchParams.get('part') }]),
    );
    const budget = policies(
      `{${ONE_A_DAY}, matchers: [{type: HttpRequestRegexMatcher, method: post}]}`,
      `{${ONE_A_DAY}, matchers: [{type: HttpRequestRegexMatcher, params: {part: other}}]}`,
      `{${ONE_A_DAY}, matchers: [{type: HttpRequestRegexMatcher, headers: {X-Sandbox: "true"}}]}`,
    );
    const result = await readManifest(partitioned(budget, '/items', 3), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(result.recordsOf('items').length, 3);
  });

  test('a matching policy with no call left holds the request back (the read is stopped while it waits)', { timeout: 20_000 }, async () => {
    api.server.on(
      '/items',
      page(({ url }) => [{ id: url.searchParams.get('part') }]),
    );
    const budget = policies(`{${ONE_A_DAY}, matchers: [{type: HttpRequestRegexMatcher, method: get, params: {part: p1}}]}`);
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 500);
    const result = await read(sourceOf(partitioned(budget, '/items', 3).replace('values: ["p0","p1","p2"]', 'values: ["p1","p0","p1"]')), {
      config: config(),
      streams: ['items'],
      signal: stop.signal,
    });
    clearTimeout(timer);
    assert.deepEqual(
      api.server.requests.map((request) => request.url.searchParams.get('part')),
      ['p1', 'p0'],
      'the second p1 request waits for tomorrow',
    );
    assert.deepEqual(result.recordsOf('items'), [{ id: 'p1' }, { id: 'p0' }]);
  });

  test('a status in status_codes_for_ratelimit_hit leaves no call in the window until it resets', { timeout: 20_000 }, async () => {
    api.server.on(
      '/items',
      ({ res }) => {
        res.writeHead(429, { 'content-type': 'application/json', 'x-reset': String(Math.floor(Date.now() / 1000) + 1) });
        res.end('{}');
      },
      page(() => [{ id: 1 }]),
    );
    const budget = yaml`
      api_budget:
        type: HTTPAPIBudget
        ratelimit_reset_header: X-Reset
        status_codes_for_ratelimit_hit: [429]
        policies:
          - {type: FixedWindowCallRatePolicy, period: PT1H, call_limit: 100, matchers: []}
    `;
    const requester =
      'error_handler: {type: DefaultErrorHandler, backoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: 0.01}]}';
    const result = await readManifest(partitioned(budget, '/items', 1, requester), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    const [first, retry] = api.server.requests;
    const reset = (Math.floor(first.at / 1000) + 1) * 1000;
    assert.ok(retry.at >= reset - SLACK_MS, `the retry came at ${retry.at}, before the reset at ${reset}`);
  });

  test('a period of months is a config error naming it', async () => {
    const budget =
      'api_budget: {type: HTTPAPIBudget, policies: [{type: FixedWindowCallRatePolicy, period: P1M, call_limit: 1, matchers: []}]}';
    const result = await discover(sourceOf(partitioned(budget)), { config: config() });
    assert.equal(result.exitCode, 1);
    assert.equal(result.errors[0].failure_type, 'config_error');
    assert.match(result.errors[0].message, /period "P1M"/);
  });
});
