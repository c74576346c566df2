import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectorError, describeError } from '../../src/errors/connector-error.js';
import { errorTraceFor } from '../../src/errors/error-trace.js';
import { SchemaError } from '../../src/schema/schema-error.js';

describe('a ConnectorError', () => {
  test('keeps its message and failure type', () => {
    const trace = errorTraceFor(ConnectorError.config('The API key was rejected'));
    assert.equal(trace.message, 'The API key was rejected');
    assert.equal(trace.failure_type, 'config_error');
    assert.equal(trace.internal_message, 'The API key was rejected');
    assert.equal(trace.stream_descriptor, undefined);
  });

  test('defaults to system_error; transient() gives transient_error', () => {
    assert.equal(errorTraceFor(new ConnectorError('x')).failure_type, 'system_error');
    assert.equal(errorTraceFor(ConnectorError.transient('try again')).failure_type, 'transient_error');
    assert.equal(errorTraceFor(new SchemaError('bad schema')).failure_type, 'system_error');
  });

  test('the internal message is the one given, else the cause', () => {
    assert.equal(
      errorTraceFor(new ConnectorError('Shown', { internalMessage: 'HTTP 401 from /me' })).internal_message,
      'HTTP 401 from /me',
    );
    assert.equal(errorTraceFor(new ConnectorError('Shown', { cause: new Error('socket hang up') })).internal_message, 'socket hang up');
  });

  test('is not prefixed with the stream name, but carries the descriptor', () => {
    const trace = errorTraceFor(ConnectorError.config('Bad date range'), { name: 'users', namespace: 'crm' });
    assert.equal(trace.message, 'Bad date range');
    assert.deepEqual(trace.stream_descriptor, { name: 'users', namespace: 'crm' });
  });

  test('its own stream is used when none is given; a given one wins', () => {
    const error = new ConnectorError('x', { stream: { name: 'orders' } });
    assert.deepEqual(errorTraceFor(error).stream_descriptor, { name: 'orders' });
    assert.deepEqual(errorTraceFor(error, { name: 'users' }).stream_descriptor, { name: 'users' });
  });

  test('has a stack trace', () => {
    const trace = errorTraceFor(new ConnectorError('x'));
    assert.match(trace.stack_trace ?? '', /ConnectorError: x\n\s+at /);
  });
});

describe('any other error', () => {
  test('is a system_error with its message and stack', () => {
    const trace = errorTraceFor(new TypeError("Cannot read properties of undefined (reading 'id')"));
    assert.equal(trace.failure_type, 'system_error');
    assert.equal(trace.message, "Cannot read properties of undefined (reading 'id')");
    assert.equal(trace.internal_message, "TypeError: Cannot read properties of undefined (reading 'id')");
    assert.match(trace.stack_trace ?? '', /^TypeError: Cannot read properties/);
    assert.match(trace.stack_trace ?? '', /error-trace\.test\.ts/);
  });

  test('names the stream when a descriptor is given', () => {
    const trace = errorTraceFor(new Error('boom'), { name: 'users' });
    assert.equal(trace.message, "Stream 'users' failed: boom");
    assert.deepEqual(trace.stream_descriptor, { name: 'users' });
    assert.equal(trace.failure_type, 'system_error');
  });

  test('a thrown string or object has no stack trace', () => {
    const fromString = errorTraceFor('plain string', { name: 'users' });
    assert.equal(fromString.message, "Stream 'users' failed: plain string");
    assert.equal(fromString.internal_message, 'plain string');
    assert.equal('stack_trace' in fromString, false);
    assert.equal(errorTraceFor({ code: 42 }).message, '{"code":42}');
  });

  test('an error without a message is described by its name', () => {
    assert.equal(errorTraceFor(new RangeError()).message, 'RangeError');
  });
});

test('describeError handles anything thrown', () => {
  assert.equal(describeError(new Error('m')), 'm');
  assert.equal(describeError('s'), 's');
  assert.equal(describeError(undefined), 'undefined');
  assert.equal(describeError(null), 'null');
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  assert.equal(describeError(circular), '[object Object]');
});
