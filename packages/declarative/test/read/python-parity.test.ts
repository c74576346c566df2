/**
 * Reads that the differential harness showed the Python CDK (v7.28.2) answers in a way worth
 * pinning down, each against a real HTTP server on 127.0.0.1: data feeds drop the records the
 * state already covers, a parent that turns the cache off is requested again, a cached answer
 * still runs the authenticator, and a property schema that is not a schema fails the stream.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type FaultServer, reply, useFaultServer } from '@tributary/test-support/fault-server';
import type { JsonMapping } from '../../src/manifest/json-values.js';
import { DeclarativeSource } from '../../src/source/declarative-source.js';
import { errorTrace, only, runInProcess } from '../helpers/run.js';

let server: FaultServer;
useFaultServer((started) => {
  server = started;
});

const SPEC = { type: 'Spec', connection_specification: { type: 'object', properties: {} } };

function manifest(streams: JsonMapping[]): JsonMapping {
  return {
    version: '6.44.0',
    type: 'DeclarativeSource',
    check: { type: 'CheckStream', stream_names: [streams[0]!.name] },
    streams,
    spec: SPEC,
  };
}

function stream(name: string, path: string, extra: JsonMapping = {}, requester: JsonMapping = {}): JsonMapping {
  const { retriever, ...rest } = extra as { retriever?: JsonMapping };
  return {
    type: 'DeclarativeStream',
    name,
    primary_key: ['id'],
    retriever: {
      type: 'SimpleRetriever',
      requester: { type: 'HttpRequester', url_base: server.url, path, http_method: 'GET', ...requester },
      record_selector: { type: 'RecordSelector', extractor: { type: 'DpathExtractor', field_path: ['data'] } },
      ...retriever,
    },
    schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: { id: { type: 'integer' } } } },
    ...rest,
  };
}

function catalog(names: string[], syncMode: 'full_refresh' | 'incremental' = 'full_refresh') {
  return {
    streams: names.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ['full_refresh', 'incremental'] },
      sync_mode: syncMode,
      destination_sync_mode: syncMode === 'incremental' ? 'append' : 'overwrite',
      ...(syncMode === 'incremental' ? { cursor_field: ['updated_at'] } : {}),
    })),
  };
}

function records(result: Awaited<ReturnType<typeof runInProcess>>, name: string) {
  return only(result, 'RECORD')
    .filter((message) => message.record.stream === name)
    .map((message) => message.record.data);
}

describe('a data feed (is_data_feed)', () => {
  const feed = () =>
    stream('events', '/events', {
      retriever: {
        paginator: {
          type: 'DefaultPaginator',
          page_token_option: { type: 'RequestOption', inject_into: 'request_parameter', field_name: 'page' },
          pagination_strategy: { type: 'PageIncrement', page_size: 3, start_from_page: 1 },
        },
      },
      incremental_sync: {
        type: 'DatetimeBasedCursor',
        cursor_field: 'updated_at',
        datetime_format: '%Y-%m-%dT%H:%M:%SZ',
        start_datetime: { type: 'MinMaxDatetime', datetime: '2024-01-01T00:00:00Z', datetime_format: '%Y-%m-%dT%H:%M:%SZ' },
        is_data_feed: true,
      },
    });
  const newestFirst = (hours: number[]) => ({
    data: hours.map((hour) => ({ id: hour, updated_at: `2024-06-10T${String(hour).padStart(2, '0')}:00:00Z` })),
  });

  test('drops the records older than the state after the paginator saw the whole page, and stops there', async () => {
    server.on('/events', reply.json(newestFirst([10, 9, 8])), reply.json(newestFirst([7, 6, 5])));
    const state = [
      { type: 'STREAM', stream: { stream_descriptor: { name: 'events' }, stream_state: { updated_at: '2024-06-10T09:00:00Z' } } },
    ];
    const result = await runInProcess(new DeclarativeSource(manifest([feed()])), {
      command: 'read',
      config: {},
      catalog: catalog(['events'], 'incremental'),
      state,
    });
    assert.equal(result.code, 0);
    assert.deepEqual(
      records(result, 'events').map((record) => record.id),
      [10, 9],
    );
    assert.equal(server.requestsTo('/events').length, 1);
  });

  test('without a state, every record of every page is emitted', async () => {
    server.on('/events', reply.json(newestFirst([10, 9, 8])), reply.json({ data: [] }));
    const result = await runInProcess(new DeclarativeSource(manifest([feed()])), {
      command: 'read',
      config: {},
      catalog: catalog(['events'], 'incremental'),
    });
    assert.equal(result.code, 0);
    assert.deepEqual(
      records(result, 'events').map((record) => record.id),
      [10, 9, 8],
    );
  });
});

describe('parent streams and the response cache', () => {
  const projectsAndTasks = (projectRequester: JsonMapping, authenticator?: JsonMapping) => {
    const auth = authenticator === undefined ? {} : { authenticator };
    const projects = stream('projects', '/projects', {}, { ...projectRequester, ...auth });
    const parentConfig = { type: 'ParentStreamConfig', stream: projects, parent_key: 'id', partition_field: 'project_id' };
    const tasks = stream(
      'tasks',
      "/projects/{{ stream_partition['project_id'] }}/tasks",
      { retriever: { partition_router: { type: 'SubstreamPartitionRouter', parent_stream_configs: [parentConfig] } } },
      auth,
    );
    return manifest([tasks, projects]);
  };

  function serveProjects(): void {
    server.on('/projects', reply.json({ data: [{ id: 1 }, { id: 2 }] }));
    server.on('/projects/1/tasks', reply.json({ data: [{ id: 11 }] }));
    server.on('/projects/2/tasks', reply.json({ data: [{ id: 21 }] }));
  }

  test('a parent read as a stream of its own is answered from the cache', async () => {
    serveProjects();
    const result = await runInProcess(new DeclarativeSource(projectsAndTasks({})), {
      command: 'read',
      config: {},
      catalog: catalog(['tasks', 'projects']),
    });
    assert.equal(result.code, 0);
    assert.deepEqual(
      records(result, 'projects').map((record) => record.id),
      [1, 2],
    );
    assert.equal(server.requestsTo('/projects').length, 1);
  });

  test('a parent whose requester says use_cache: false is requested again', async () => {
    serveProjects();
    const source = new DeclarativeSource(projectsAndTasks({ use_cache: false }));
    const result = await runInProcess(source, { command: 'read', config: {}, catalog: catalog(['tasks', 'projects']) });
    assert.equal(result.code, 0);
    assert.deepEqual(
      records(result, 'tasks').map((record) => record.id),
      [11, 21],
    );
    assert.equal(server.requestsTo('/projects').length, 2);
  });

  test('an answer from the cache still runs the authenticator: a session token without expiry logs in again', async () => {
    serveProjects();
    server.on('/login', reply.json({ token: 'session-token' }));
    const authenticator = {
      type: 'SessionTokenAuthenticator',
      login_requester: {
        type: 'HttpRequester',
        url_base: server.url,
        path: 'login',
        http_method: 'POST',
        authenticator: { type: 'NoAuth' },
      },
      session_token_path: ['token'],
      request_authentication: { type: 'Bearer' },
    };
    const source = new DeclarativeSource(projectsAndTasks({}, authenticator));
    const result = await runInProcess(source, { command: 'read', config: {}, catalog: catalog(['tasks', 'projects']) });
    assert.equal(result.code, 0);
    const sent = server.requests.filter((request) => request.path !== '/login');
    assert.equal(sent.length, 3);
    assert.ok(sent.every((request) => request.headers.authorization === 'Bearer session-token'));
    // two logins for each of the three requests sent and two for the answer from the cache, as the Python CDK
    assert.equal(server.requestsTo('/login').length, 8);
  });
});

describe('schema normalisation', () => {
  const withSchema = (properties: JsonMapping) => {
    const base = stream('things', '/things');
    const retriever = base.retriever as JsonMapping;
    const selector = { ...(retriever.record_selector as JsonMapping), schema_normalization: 'Default' };
    return manifest([
      {
        ...base,
        retriever: { ...retriever, record_selector: selector },
        schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties } },
      },
    ]);
  };

  test('a property whose schema is not a schema object fails the stream when a record has it, naming the field', async () => {
    server.on('/things', reply.json({ data: [{ id: '1', format: 'x' }] }));
    const source = new DeclarativeSource(withSchema({ id: { type: 'integer' }, format: 'date-time' }));
    const result = await runInProcess(source, { command: 'read', config: {}, catalog: catalog(['things']) });
    assert.equal(result.code, 1);
    assert.equal(records(result, 'things').length, 0);
    const streamError = only(result, 'TRACE').find((message) => message.trace.error?.stream_descriptor?.name === 'things');
    assert.match(streamError?.trace.error?.message ?? '', /record field 'format'.*'date-time', not a JSON schema object/);
    assert.equal(errorTrace(result).failure_type, 'system_error');
  });

  test('records without that property are normalised as usual', async () => {
    server.on('/things', reply.json({ data: [{ id: '1' }] }));
    const source = new DeclarativeSource(withSchema({ id: { type: 'integer' }, format: 'date-time' }));
    const result = await runInProcess(source, { command: 'read', config: {}, catalog: catalog(['things']) });
    assert.equal(result.code, 0);
    assert.deepEqual(records(result, 'things'), [{ id: 1 }]);
  });
});

describe('errors raised by templates', () => {
  test("`stream_state` in a template fails the stream with the CDK's config error", async () => {
    server.on('/things', reply.json({ data: [{ id: 1 }] }));
    const things = stream('things', '/things', {}, { request_parameters: { since: "{{ stream_state.get('updated_at') }}" } });
    const result = await runInProcess(new DeclarativeSource(manifest([things])), {
      command: 'read',
      config: {},
      catalog: catalog(['things']),
    });
    assert.equal(result.code, 1);
    const streamError = only(result, 'TRACE').find((message) => message.trace.error?.stream_descriptor?.name === 'things');
    assert.equal(streamError?.trace.error?.failure_type, 'config_error');
    assert.match(streamError?.trace.error?.message ?? '', /^`stream_state` is no longer supported for interpolation/);
    assert.equal(server.requests.length, 0);
  });
});
