/**
 * Error handling through a real read: DefaultErrorHandler (max_retries, response filters with
 * every option), CompositeErrorHandler, the backoff strategies (with waits of milliseconds, read
 * back from the CDK's retry log, never timed), and concurrency_level. Each ends in the exact
 * records, requests, TRACE errors and exit code.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Handler, manifest, page, readManifest, readWithBin, reply, stream, useApi, yaml } from './mock-api.js';

const api = useApi();
const config = () => ({ base_url: api.url, account: 'acme', retries: 2 });

/** Answers `status` (JSON `body`, `headers`) for the first `times` requests, then one page of records. */
function failThenSucceed(
  times: number,
  status: number,
  body: unknown = { error: 'nope' },
  headers: Record<string, string> = {},
): Handler[] {
  return [...Array.from({ length: times }, () => reply.status(status, body, headers)), page(() => [{ id: 1 }])];
}

async function readWithHandler(errorHandler: string) {
  return readManifest(manifest(stream('items', '/items', { requester: `error_handler:\n${errorHandler.replace(/^/gm, '  ')}` })), {
    config: config(),
  });
}

const FAST = 'backoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: 0.01}]';

/** The waits the CDK logged before each retry ("retrying in 10 ms, ...", "waiting 10 ms before ..."). */
function retryWaits(logs: ReadonlyArray<{ message: string }>): string[] {
  return logs.flatMap((log) => /(?:retrying in|waiting) (\S+ m?s)\b/.exec(log.message)?.[1] ?? []);
}

describe('DefaultErrorHandler', () => {
  test('a 500 is retried (transient) and the read goes on', async () => {
    api.server.on('/items', ...failThenSucceed(2, 500));
    const result = await readWithHandler(`type: DefaultErrorHandler\n${FAST}`);
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('items'), [{ id: 1 }]);
    assert.equal(api.server.requests.length, 3);
  });

  test('max_retries (a template over config) bounds the attempts; exhausted, the stream fails with a transient error', async () => {
    api.server.on('/items', reply.status(503));
    const result = await readWithHandler(`type: DefaultErrorHandler\nmax_retries: "{{ config.retries }}"\n${FAST}`);
    assert.equal(result.exitCode, 1);
    assert.equal(api.server.requests.length, 3);
    const [streamError, syncError] = result.errors;
    assert.equal(streamError.failure_type, 'transient_error');
    assert.match(streamError.message, /HTTP Status Code: 503/);
    assert.equal(syncError.message, 'During the sync, the following streams did not sync successfully: items');
    assert.deepEqual(result.statusesOf('items'), ['STARTED', 'INCOMPLETE']);
  });

  test('a 403 fails at once as a config error (the default mapping); a 404 as a system error', async () => {
    api.server.on('/items', reply.status(403));
    const forbidden = await readWithHandler('type: DefaultErrorHandler');
    assert.equal(forbidden.exitCode, 1);
    assert.equal(forbidden.errors[0].failure_type, 'config_error');
    assert.match(forbidden.errors[0].message, /HTTP Status Code: 403\. Error: Forbidden/);
    assert.equal(api.server.requests.length, 1);
    api.server.on('/items', reply.status(404));
    const missing = await readWithHandler('type: DefaultErrorHandler');
    assert.equal(missing.errors[0].failure_type, 'system_error');
  });
});

describe('HttpResponseFilter', () => {
  test('IGNORE by http_codes: no record, no error, the stream completes', async () => {
    api.server.on('/items', reply.status(404, { error: 'gone' }));
    const result = await readWithHandler(
      'type: DefaultErrorHandler\nresponse_filters: [{type: HttpResponseFilter, action: IGNORE, http_codes: [404]}]',
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('items'), []);
    assert.deepEqual(result.statusesOf('items').at(-1), 'COMPLETE');
    assert.equal(api.server.requests.length, 1);
  });

  test('FAIL with failure_type and an interpolated error_message: the TRACE says that message', async () => {
    api.server.on('/items', reply.status(400, { error: 'invalid key' }));
    const filter = yaml`
      - type: HttpResponseFilter
        action: FAIL
        http_codes: [400]
        failure_type: config_error
        error_message: "The key of {{ config.account }} was refused: {{ response.error }}"
    `;
    const result = await readWithHandler(`type: DefaultErrorHandler\nresponse_filters:\n${filter.replace(/^/gm, '  ')}`);
    assert.equal(result.exitCode, 1);
    assert.equal(result.errors[0].failure_type, 'config_error');
    // Python's message is the filter's alone; Tributary's goes on with the request and the answer (KNOWN_DIFFERENCES.md).
    assert.match(result.errors[0].message, /^The key of acme was refused: invalid key: GET http:\/\/127\.0\.0\.1:\d+\/items → HTTP 400/);
    assert.equal(api.server.requests.length, 1);
  });

  test('RETRY on a status the default mapping fails (403), then success', async () => {
    api.server.on('/items', ...failThenSucceed(1, 403));
    const result = await readWithHandler(
      `type: DefaultErrorHandler\n${FAST}\nresponse_filters: [{type: HttpResponseFilter, action: RETRY, http_codes: [403]}]`,
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(api.server.requests.length, 2);
  });

  test('a predicate over a 200 body retries it; error_message_contains matches the parsed error message', async () => {
    api.server.on(
      '/items',
      reply.json({ status: 'pending' }),
      page(() => [{ id: 1 }]),
    );
    const byPredicate = await readWithHandler(
      `type: DefaultErrorHandler\n${FAST}\nresponse_filters: [{type: HttpResponseFilter, action: RETRY, predicate: "{{ response.status == 'pending' }}"}]`,
    );
    assert.equal(byPredicate.exitCode, 0, byPredicate.describeErrors());
    assert.deepEqual(byPredicate.recordsOf('items'), [{ id: 1 }]);
    assert.equal(api.server.requests.length, 2);

    api.server.on('/items', reply.status(422, { message: 'Daily quota exceeded for acme' }));
    const byMessage = await readWithHandler(
      'type: DefaultErrorHandler\nresponse_filters: [{type: HttpResponseFilter, action: FAIL, failure_type: transient_error, error_message_contains: "quota exceeded"}]',
    );
    assert.equal(byMessage.exitCode, 1);
    assert.equal(byMessage.errors[0].failure_type, 'transient_error');
  });

  test('RATE_LIMITED: the platform is told (a RUNNING status with reason RATE_LIMITED), then the read goes on', async () => {
    api.server.on('/items', ...failThenSucceed(1, 429));
    const result = await readWithHandler(
      `type: DefaultErrorHandler\n${FAST}\nresponse_filters: [{type: HttpResponseFilter, action: RATE_LIMITED, http_codes: [429]}]`,
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    const statuses = result.traces.filter((trace) => trace.type === 'STREAM_STATUS').map((trace) => trace.stream_status);
    assert.ok(
      statuses.some((status) => status?.status === 'RUNNING' && status.reasons?.some((reason) => reason.type === 'RATE_LIMITED')),
      JSON.stringify(statuses),
    );
  });
});

describe('CompositeErrorHandler', () => {
  const composite = (first: string, second: string) =>
    `type: CompositeErrorHandler\nerror_handlers:\n  - {type: DefaultErrorHandler, response_filters: [${first}]}\n  - {type: DefaultErrorHandler, ${FAST}, response_filters: [${second}]}`;

  test('a FAIL of the first handler lets the next one decide (IGNORE here)', async () => {
    api.server.on('/items', reply.status(418));
    const result = await readWithHandler(
      composite(
        '{type: HttpResponseFilter, action: FAIL, http_codes: [418]}',
        '{type: HttpResponseFilter, action: IGNORE, http_codes: [418]}',
      ),
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('items'), []);
  });

  test("the first handler's RETRY wins; the second's backoff is not used for it", async () => {
    api.server.on('/items', ...failThenSucceed(1, 418));
    const result = await readWithHandler(
      composite(
        '{type: HttpResponseFilter, action: RETRY, http_codes: [418]}',
        '{type: HttpResponseFilter, action: FAIL, http_codes: [418], error_message: "second"}',
      )
        .replace('[{type: HttpResponseFilter, action: RETRY', '[{type: HttpResponseFilter, action: RETRY')
        .replace(
          '- {type: DefaultErrorHandler, response_filters: [{type: HttpResponseFilter, action: RETRY',
          `- {type: DefaultErrorHandler, ${FAST}, response_filters: [{type: HttpResponseFilter, action: RETRY`,
        ),
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(api.server.requests.length, 2);
  });
});

describe('backoff strategies', () => {
  test('ConstantBackoffStrategy: each retry waits backoff_time_in_seconds', async () => {
    api.server.on('/items', ...failThenSucceed(2, 502));
    const result = await readWithHandler(
      'type: DefaultErrorHandler\nbackoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: 0.02}]',
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(retryWaits(result.logs), ['20 ms', '20 ms']);
  });

  test('ExponentialBackoffStrategy: factor × 2^attempt', async () => {
    api.server.on('/items', ...failThenSucceed(3, 500));
    const result = await readWithHandler(
      'type: DefaultErrorHandler\nbackoff_strategies: [{type: ExponentialBackoffStrategy, factor: 0.005}]',
    );
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(retryWaits(result.logs), ['10 ms', '20 ms', '40 ms']);
  });

  test('WaitTimeFromHeader: the wait is the header (or its regex match); over max_waiting_time_in_seconds the stream fails', async () => {
    api.server.on('/items', ...failThenSucceed(1, 429, {}, { 'x-wait': '0.03s' }));
    const strategy = '{type: WaitTimeFromHeader, header: X-Wait, regex: "[-+]?\\\\d+(\\\\.\\\\d+)?", max_waiting_time_in_seconds: 5}';
    const result = await readWithHandler(`type: DefaultErrorHandler\nbackoff_strategies: [${strategy}]`);
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(retryWaits(result.logs), ['30 ms']);
    assert.equal(api.server.requests.length, 2);

    api.server.on('/items', ...failThenSucceed(1, 429, {}, { 'x-wait': '60s' }));
    const tooLong = await readWithHandler(`type: DefaultErrorHandler\nbackoff_strategies: [${strategy}]`);
    assert.equal(tooLong.exitCode, 1);
    assert.equal(tooLong.errors[0].failure_type, 'transient_error');
    assert.match(tooLong.errors[0].message, /max waiting time/);
  });

  test('WaitUntilTimeFromHeader: waits until the epoch in the header; too far ahead, the stream fails', async () => {
    const soon = () => ({ 'x-reset': String(Date.now() / 1000 + 0.05) });
    api.server.on(
      '/items',
      ({ res }) => {
        res.writeHead(429, soon()).end('{}');
      },
      page(() => [{ id: 1 }]),
    );
    const strategy = '{type: WaitUntilTimeFromHeader, header: X-Reset, min_wait: 0.01, max_waiting_time_in_seconds: 10}';
    const result = await readWithHandler(`type: DefaultErrorHandler\nbackoff_strategies: [${strategy}]`);
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(api.server.requests.length, 2);

    api.server.on('/items', reply.status(429, {}, { 'x-reset': String(Math.floor(Date.now() / 1000) + 3600) }));
    const tooLong = await readWithHandler(`type: DefaultErrorHandler\nbackoff_strategies: [${strategy}]`);
    assert.equal(tooLong.exitCode, 1);
    assert.equal(tooLong.errors[0].failure_type, 'transient_error');
    assert.equal(api.server.requests.length, 3);
  });
});

describe('concurrency_level', () => {
  /** Holds each request until a second one is in flight (or 1 s passed): a record says whether it had company. */
  function rendezvousApi(): Handler {
    let waiting: (() => void) | null = null;
    return ({ res, url }) =>
      new Promise<void>((done) => {
        const answer = (together: boolean) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: [{ id: url.searchParams.get('region'), together }] }));
          done();
        };
        if (waiting !== null) {
          const first = waiting;
          waiting = null;
          first();
          answer(true);
          return;
        }
        const timer = setTimeout(() => {
          waiting = null;
          answer(false);
        }, 1000);
        waiting = () => {
          clearTimeout(timer);
          answer(true);
        };
      });
  }

  /** Two streams on the rendezvous API; `level` is the manifest's concurrency_level section. */
  const twoStreams = (level: string) =>
    manifest(
      [
        stream('eu', '/items', { requester: 'request_parameters: {region: eu}' }),
        stream('us', '/items', { requester: 'request_parameters: {region: us}' }),
      ].join('\n'),
      { extra: level },
    );
  const together = (result: Awaited<ReturnType<typeof readManifest>>) => result.records.map((record) => record.data.together);

  test('default_concurrency 2 (a template) reads two streams at the same time', async () => {
    api.server.on('/items', rendezvousApi());
    const level = 'concurrency_level: {type: ConcurrencyLevel, default_concurrency: "{{ config.retries }}", max_concurrency: 4}';
    const result = await readManifest(twoStreams(level), { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(together(result), [true, true]);
  });

  test('without concurrency_level the streams are read one after the other (max_concurrency caps it too)', async () => {
    api.server.on('/items', rendezvousApi());
    const sequential = await readManifest(twoStreams(''), { config: config() });
    assert.equal(sequential.exitCode, 0, sequential.describeErrors());
    assert.deepEqual(together(sequential), [false, false]);
    const capped = await readManifest(
      twoStreams('concurrency_level: {type: ConcurrencyLevel, default_concurrency: 4, max_concurrency: 1}'),
      {
        config: config(),
      },
    );
    assert.deepEqual(together(capped), [false, false]);
  });

  test('a default_concurrency that is not a positive integer is a config error naming it', async () => {
    api.server.on(
      '/items',
      page(() => []),
    );
    const result = await readManifest(
      twoStreams('concurrency_level: {type: ConcurrencyLevel, default_concurrency: "{{ config.account }}"}'),
      {
        config: config(),
      },
    );
    assert.equal(result.exitCode, 1);
    assert.equal(result.errors[0].failure_type, 'config_error');
    assert.match(result.errors[0].message, /default_concurrency/);
  });
});

test('the real bin: retries, then a FAIL filter ends the read with exit code 1 and a config_error TRACE', async () => {
  api.server.on('/items', reply.status(500), reply.status(401, { error: 'expired' }));
  const text = manifest(
    stream('items', '/items', {
      requester: `error_handler: {type: DefaultErrorHandler, ${FAST}, response_filters: [{type: HttpResponseFilter, action: FAIL, http_codes: [401], failure_type: config_error, error_message: "Reconnect {{ config.account }}"}]}`,
    }),
  );
  const result = await readWithBin(text, { config: config() });
  assert.equal(result.code, 1);
  const errors = result.messages.flatMap((message) => (message.type === 'TRACE' && message.trace.error ? [message.trace.error] : []));
  assert.match(errors[0].message, /^Reconnect acme: GET /);
  assert.equal(errors[0].failure_type, 'config_error');
  assert.equal(api.server.requests.length, 2);
});
