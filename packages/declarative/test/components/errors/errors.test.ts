/** Error handling decisions: filters, the default mapping, composites and backoff strategies. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toCdkResolution } from '../../../src/errors/cdk-resolution.js';
import { createBackoffStrategy, createErrorHandler } from '../../../src/errors/create-error-handler.js';
import { backoffTime } from '../../../src/errors/error-handler.js';
import { parseResponseErrorMessage } from '../../../src/errors/error-message-parser.js';
import type { HttpOutcome, ResponseOutcome } from '../../../src/errors/http-outcome.js';
import { env } from '../helpers.js';

const response = (status: number, body: unknown = {}, headers: [string, string][] = []): ResponseOutcome => ({
  kind: 'response',
  status,
  reason: status === 404 ? 'Not Found' : 'Whatever',
  url: 'https://api.example.com/x',
  headers,
  text: typeof body === 'string' ? body : JSON.stringify(body),
  json: typeof body === 'string' ? undefined : body,
});
const handler = (model: Record<string, unknown> | undefined, config = {}) => createErrorHandler(model as never, env(config), () => 0.5);

describe('DefaultErrorHandler without filters: the CDK default mapping', () => {
  const cases: [number, string, string | null][] = [
    [200, 'SUCCESS', null],
    [302, 'SUCCESS', null],
    [400, 'FAIL', 'system_error'],
    [401, 'FAIL', 'config_error'],
    [403, 'FAIL', 'config_error'],
    [404, 'FAIL', 'system_error'],
    [408, 'RETRY', 'transient_error'],
    [429, 'RATE_LIMITED', 'transient_error'],
    [500, 'RETRY', 'transient_error'],
    [503, 'RETRY', 'transient_error'],
    [409, 'RETRY', 'system_error'],
    [501, 'RETRY', 'system_error'],
  ];
  for (const [status, action, failure] of cases) {
    test(`${status} → ${action}`, () => {
      const resolution = handler(undefined).interpret(response(status));
      assert.equal(resolution.action, action);
      assert.equal(resolution.failureType, failure);
    });
  }
  test("messages: the mapping's text, and requests' description for an unmapped status", () => {
    assert.equal(
      handler(undefined).interpret(response(404)).message,
      'HTTP Status Code: 404. Error: Not found. The requested resource was not found on the server.',
    );
    assert.equal(
      handler(undefined).interpret(response(409, 'conflict')).message,
      'Response was not ok: `409 Client Error: Whatever for url: https://api.example.com/x`. Response content is: conflict',
    );
  });
  test('request errors: the exact classes the CDK maps, the rest retried as system errors', () => {
    const error = (errorClass: string): HttpOutcome => ({ kind: 'error', errorClass, message: 'boom' });
    assert.deepEqual(handler(undefined).interpret(error('InvalidSchema')).action, 'FAIL');
    assert.deepEqual(handler(undefined).interpret(error('RequestException')).failureType, 'transient_error');
    assert.deepEqual(handler(undefined).interpret(error('ConnectionError')), {
      action: 'RETRY',
      failureType: 'system_error',
      message: 'ConnectionError: boom',
    });
  });
});

describe('HttpResponseFilter', () => {
  test('http_codes with an action; failure_type applies to FAIL only', () => {
    const h = handler({
      type: 'DefaultErrorHandler',
      response_filters: [{ type: 'HttpResponseFilter', action: 'IGNORE', http_codes: [404], failure_type: 'config_error' }],
    });
    assert.deepEqual(h.interpret(response(404)), {
      action: 'IGNORE',
      failureType: 'system_error',
      message: 'HTTP Status Code: 404. Error: Not found. The requested resource was not found on the server.',
    });
    const f = handler({
      type: 'DefaultErrorHandler',
      response_filters: [
        {
          type: 'HttpResponseFilter',
          action: 'FAIL',
          http_codes: [200],
          failure_type: 'config_error',
          error_message: 'bad {{ response.code }}',
        },
      ],
    });
    assert.deepEqual(f.interpret(response(200, { code: 7 })), { action: 'FAIL', failureType: 'config_error', message: 'bad 7' });
  });
  test('predicate over the response and headers; error_message_contains over the parsed message', () => {
    const h = handler({
      type: 'DefaultErrorHandler',
      response_filters: [
        {
          type: 'HttpResponseFilter',
          action: 'RETRY',
          predicate: "{{ 'try again' in response.get('detail', '') or headers.get('X-Retry') == '1' }}",
        },
        { type: 'HttpResponseFilter', action: 'IGNORE', error_message_contains: 'archived' },
      ],
    });
    assert.equal(h.interpret(response(400, { detail: 'please try again' })).action, 'RETRY');
    assert.equal(h.interpret(response(400, {}, [['x-retry', '1']])).action, 'RETRY');
    assert.equal(h.interpret(response(400, { errors: [{ message: 'project archived' }] })).action, 'IGNORE');
    assert.equal(h.interpret(response(400, { message: 'other' })).action, 'FAIL');
  });
  test('a filter without an action never matches', () => {
    assert.equal(
      handler({ type: 'DefaultErrorHandler', response_filters: [{ type: 'HttpResponseFilter', http_codes: [404] }] }).interpret(
        response(404),
      ).action,
      'FAIL',
    );
  });
  test('the error message parser: nested keys, lists, text bodies', () => {
    assert.equal(parseResponseErrorMessage(response(400, { error: { message: 'deep' } })), 'deep');
    assert.equal(parseResponseErrorMessage(response(400, { errors: ['a', { msg: 'b' }, 3] })), 'a, b');
    assert.equal(parseResponseErrorMessage(response(500, 'plain text')), 'plain text');
    assert.equal(parseResponseErrorMessage(response(500, { code: 1 })), null);
  });
});

describe('CompositeErrorHandler', () => {
  const composite = handler({
    type: 'CompositeErrorHandler',
    error_handlers: [
      {
        type: 'DefaultErrorHandler',
        max_retries: 3,
        response_filters: [{ type: 'HttpResponseFilter', action: 'RETRY', http_codes: [403] }],
        backoff_strategies: [{ type: 'ConstantBackoffStrategy', backoff_time_in_seconds: 5 }],
      },
      {
        type: 'DefaultErrorHandler',
        response_filters: [{ type: 'HttpResponseFilter', action: 'IGNORE', http_codes: [404] }],
        backoff_strategies: [{ type: 'ConstantBackoffStrategy', backoff_time_in_seconds: 10 }],
      },
    ],
  });
  test("the first SUCCESS, RETRY or IGNORE wins; otherwise the last handler's answer", () => {
    assert.equal(composite.interpret(response(403)).action, 'RETRY');
    assert.equal(composite.interpret(response(404)).action, 'IGNORE');
    assert.equal(composite.interpret(response(401)).action, 'FAIL');
    assert.equal(composite.interpret(response(200)).action, 'SUCCESS');
  });
  test('limits from the first handler; strategies of all handlers, the first that gives a wait', () => {
    assert.equal(composite.maxRetries, 3);
    assert.equal(composite.maxTime, 600);
    assert.equal(backoffTime(composite, response(404), 1), 5);
  });
});

describe('backoff strategies', () => {
  const strategy = (model: Record<string, unknown>, config = {}, now = '2024-06-15T12:34:56+00:00') =>
    createBackoffStrategy(model as never, env(config, now), () => 0.5);
  test('constant (templated) and exponential (factor × 2^attempts), with jitter', () => {
    assert.equal(
      strategy({ type: 'ConstantBackoffStrategy', backoff_time_in_seconds: '{{ config.wait }}' }, { wait: 7 }).backoffTime(
        response(500),
        1,
      ),
      7,
    );
    assert.equal(strategy({ type: 'ExponentialBackoffStrategy' }).backoffTime(response(500), 2), 20);
    assert.equal(strategy({ type: 'ExponentialBackoffStrategy', factor: 2, jitter_range_in_seconds: 1 }).backoffTime(response(500), 1), 5);
    assert.equal(
      strategy({ type: 'ConstantBackoffStrategy', backoff_time_in_seconds: 3, jitter_range_in_seconds: 2 }).backoffTime(response(500), 1),
      5,
    );
  });
  test('WaitTimeFromHeader: the header as seconds, through a regex; over the maximum it stops', () => {
    const s = strategy({ type: 'WaitTimeFromHeader', header: 'Retry-After' });
    assert.equal(s.backoffTime(response(429, {}, [['retry-after', '3.5']]), 1), 3.5);
    assert.equal(s.backoffTime(response(429), 1), null);
    assert.equal(s.backoffTime(response(429, {}, [['Retry-After', 'soon']]), 1), null);
    const r = strategy({ type: 'WaitTimeFromHeader', header: 'wait', regex: '([-+]?\\d+)' });
    assert.equal(r.backoffTime(response(429, {}, [['wait', '8 seconds']]), 1), 8);
    const max = strategy({ type: 'WaitTimeFromHeader', header: 'wait', max_waiting_time_in_seconds: 5 });
    assert.throws(() => max.backoffTime(response(429, {}, [['wait', '60']]), 1), /greater than max waiting time/);
  });
  test('WaitUntilTimeFromHeader: until an epoch time, min_wait as a floor and as the default', () => {
    const now = Date.parse('2024-06-15T12:34:56Z') / 1000;
    const s = strategy({ type: 'WaitUntilTimeFromHeader', header: 'reset', min_wait: 2 });
    assert.equal(s.backoffTime(response(429, {}, [['reset', String(now + 30)]]), 1), 30);
    assert.equal(s.backoffTime(response(429, {}, [['reset', String(now - 30)]]), 1), 2);
    assert.equal(s.backoffTime(response(429), 1), 2);
    const bare = strategy({ type: 'WaitUntilTimeFromHeader', header: 'reset' });
    assert.equal(bare.backoffTime(response(429, {}, [['reset', String(now - 30)]]), 1), null);
    const capped = strategy({ type: 'WaitUntilTimeFromHeader', header: 'reset', max_waiting_time_in_seconds: 10 });
    assert.throws(
      () => capped.backoffTime(response(429, {}, [['reset', String(now + 30)]]), 1),
      /longer than the connector is allowed to wait/,
    );
  });
});

describe('max_retries and the CDK resolution', () => {
  test('max_retries: default 5, a template over config, a clear error otherwise', () => {
    assert.equal(handler({ type: 'DefaultErrorHandler' }).maxRetries, 5);
    assert.equal(handler({ type: 'DefaultErrorHandler', max_retries: "{{ config['retries'] }}" }, { retries: 9 }).maxRetries, 9);
    assert.throws(
      () => handler({ type: 'DefaultErrorHandler', max_retries: "{{ config['retries'] }}" }, { retries: 'many' }),
      /did not evaluate to an integer/,
    );
  });
  test("resolutions map onto the CDK client's actions", () => {
    assert.deepEqual(toCdkResolution({ action: 'RATE_LIMITED', failureType: 'transient_error', message: 'm' }), {
      action: 'rate_limited',
      failureType: 'transient_error',
      message: 'm',
    });
    assert.deepEqual(toCdkResolution({ action: 'REFRESH_TOKEN_THEN_RETRY', failureType: null, message: null }), {
      action: 'refresh_token',
    });
    assert.equal(toCdkResolution({ action: 'RESET_PAGINATION', failureType: null, message: null }), null);
  });
});
