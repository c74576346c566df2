// AsyncRetriever against a loopback jobs API: a job per partition is created, polled through
// running to completed, its export downloaded (CSV through the ResponseToFileExtractor, gzip or not;
// JSON lines through a download decoder), filtered and transformed, then deleted. Jobs that fail or
// time out are retried, then end the stream with a config_error naming the slice; a status the
// mapping does not know is a system_error.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { check, read } from '@tributary/cdk/testing';
import { DeclarativeSource } from '../../../src/index.js';
import { JobsApi, type JobsApiOptions } from './jobs-api.js';

const CSV = 'id,name,note\n1,one,\n2,"two, quoted",NA\n3,three,x\n';
const JSONL = '{"id": "1", "name": "one"}\n{"id": "2", "name": "two"}\n{"id": "3", "name": "three"}\n';

function manifest(retriever: Record<string, unknown> = {}, top: Record<string, unknown> = {}) {
  const requester = (path: string, method = 'GET') => ({
    type: 'HttpRequester',
    url_base: "{{ config['base'] }}",
    path,
    http_method: method,
  });
  return {
    version: '6.44.0',
    type: 'DeclarativeSource',
    ...top,
    check: { type: 'CheckStream', stream_names: ['report'] },
    streams: [
      {
        type: 'DeclarativeStream',
        name: 'report',
        primary_key: ['id'],
        retriever: {
          type: 'AsyncRetriever',
          partition_router: { type: 'ListPartitionRouter', cursor_field: 'kind', values: ['a', 'b'] },
          creation_requester: { ...requester('/jobs', 'POST'), request_body_json: { report: '{{ stream_partition.kind }}' } },
          polling_requester: requester("/jobs/{{ creation_response['id'] }}"),
          abort_requester: requester("/jobs/{{ creation_response['id'] }}/cancel", 'POST'),
          delete_requester: requester("/jobs/{{ creation_response['id'] }}/delete", 'POST'),
          download_requester: { type: 'HttpRequester', url: '{{ download_target }}', http_method: 'GET' },
          download_extractor: { type: 'ResponseToFileExtractor' },
          status_extractor: { type: 'DpathExtractor', field_path: ['status'] },
          download_target_extractor: { type: 'DpathExtractor', field_path: ['urls'] },
          status_mapping: { running: ['pending'], completed: ['ready'], failed: ['error'], timeout: ['expired'] },
          record_selector: {
            type: 'RecordSelector',
            extractor: { type: 'DpathExtractor', field_path: [] },
            record_filter: { type: 'RecordFilter', condition: "{{ record['id'] != '3' }}" },
          },
          ...retriever,
        },
        transformations: [{ type: 'AddFields', fields: [{ path: ['kind'], value: '{{ stream_partition.kind }}' }] }],
        schema_loader: { type: 'InlineSchemaLoader', schema: { type: 'object', properties: {} } },
      },
    ],
    spec: { type: 'Spec', connection_specification: { type: 'object', properties: { base: { type: 'string' } } } },
  };
}

/** A clock the API moves: each poll can take it past a job's timeout. */
class TestClock {
  ms = Date.parse('2024-06-15T12:00:00Z');
  readonly now = () => this.ms;
}

/** Reads with the test clock; each wait between polls moves it by the poll interval. */
async function readWith(api: JobsApi, model: Record<string, unknown>, clock = new TestClock()) {
  const wait = async (ms: number) => {
    clock.ms += ms;
  };
  const source = new DeclarativeSource(model, { asyncJobTiming: { pollIntervalMs: 5_000, now: clock.now, wait } });
  return read(source, { config: { base: api.url }, streams: ['report'] });
}

async function withApi(options: JobsApiOptions, run: (api: JobsApi) => Promise<void>): Promise<void> {
  const api = await new JobsApi(options).start();
  try {
    await run(api);
  } finally {
    await api.close();
  }
}

const csvExport = (gzip: boolean) => () => ({ body: CSV, contentType: 'text/csv', gzip });

describe('AsyncRetriever', () => {
  for (const gzip of [false, true]) {
    test(`a job per partition: created, polled through running to completed, its ${gzip ? 'gzipped ' : ''}CSV downloaded, then deleted`, async () => {
      await withApi({ statuses: ['pending', 'pending', 'ready'], exportOf: csvExport(gzip) }, async (api) => {
        const result = await readWith(api, manifest());
        assert.equal(result.exitCode, 0, result.describeErrors());
        assert.deepEqual(result.recordsOf('report'), [
          { id: '1', name: 'one', kind: 'a' },
          { id: '2', name: 'two, quoted', kind: 'a' },
          { id: '1', name: 'one', kind: 'b' },
          { id: '2', name: 'two, quoted', kind: 'b' },
        ]);
        const job = (id: string) => [
          `GET /jobs/${id}`,
          `GET /jobs/${id}`,
          `GET /jobs/${id}`,
          `GET /files/${id}`,
          `POST /jobs/${id}/delete`,
        ];
        assert.deepEqual(api.lines(), ['POST /jobs', ...job('job-1'), 'POST /jobs', ...job('job-2')]);
        assert.deepEqual(
          api.calls.filter((call) => call.method === 'POST' && call.path === '/jobs').map((call) => JSON.parse(call.body)),
          [{ report: 'a' }, { report: 'b' }],
        );
        assert.deepEqual(result.statusesOf('report'), ['STARTED', 'RUNNING', 'COMPLETE']);
      });
    });
  }

  test('max_concurrent_async_job_count lets jobs of several partitions run at once', async () => {
    await withApi({ statuses: ['pending', 'ready'], exportOf: csvExport(false) }, async (api) => {
      const result = await readWith(api, manifest({}, { max_concurrent_async_job_count: "{{ config['jobs'] or 2 }}" }));
      assert.equal(result.exitCode, 0, result.describeErrors());
      assert.deepEqual(api.lines().slice(0, 4), ['POST /jobs', 'POST /jobs', 'GET /jobs/job-1', 'GET /jobs/job-2']);
      assert.equal(result.recordsOf('report').length, 4);
    });
  });

  test('a download decoder (JSON lines) and a download_target_requester asked with polling_response', async () => {
    const model = manifest({
      polling_requester: {
        type: 'HttpRequester',
        url_base: "{{ config['base'] }}",
        path: "/jobs/{{ creation_response['id'] }}",
        http_method: 'GET',
      },
      download_target_requester: {
        type: 'HttpRequester',
        url_base: "{{ config['base'] }}",
        path: "/jobs/{{ polling_response['id'] }}",
        http_method: 'GET',
      },
      download_extractor: { type: 'DpathExtractor', field_path: [] },
      download_decoder: { type: 'JsonlDecoder' },
      delete_requester: undefined,
      partition_router: undefined,
    });
    (model.streams[0] as { transformations: unknown[] }).transformations = [];
    await withApi({ statuses: ['ready'], exportOf: () => ({ body: JSONL, contentType: 'application/jsonl' }) }, async (api) => {
      const result = await readWith(api, model);
      assert.equal(result.exitCode, 0, result.describeErrors());
      assert.deepEqual(result.recordsOf('report'), [
        { id: '1', name: 'one' },
        { id: '2', name: 'two' },
      ]);
      assert.deepEqual(api.lines(), ['POST /jobs', 'GET /jobs/job-1', 'GET /jobs/job-1', 'GET /files/job-1']);
    });
  });

  test('a job the API reports failed is created again, and after 3 attempts the stream fails with a config_error naming the slice', async () => {
    await withApi({ statuses: ['pending', 'error'], exportOf: csvExport(false) }, async (api) => {
      const model = manifest({ partition_router: { type: 'ListPartitionRouter', cursor_field: 'kind', values: ['a'] } });
      const result = await readWith(api, model);
      assert.notEqual(result.exitCode, 0);
      assert.equal(result.recordsOf('report').length, 0);
      assert.equal(api.lines().filter((line) => line === 'POST /jobs').length, 3);
      const error = result.errors.find((error) => error.stream_descriptor?.name === 'report');
      assert.equal(error?.failure_type, 'config_error');
      assert.match(error?.message ?? '', /async job of slice \{'kind': 'a'\} did not complete \(job [\w-]+: failed, attempt 3 of 3\)/);
      assert.deepEqual(result.statusesOf('report').at(-1), 'INCOMPLETE');
    });
  });

  test('a job still running after polling_job_timeout minutes is aborted and retried, then fails the stream with a config_error', async () => {
    const clock = new TestClock();
    const options = { statuses: ['pending'], exportOf: csvExport(false), onPoll: () => (clock.ms += 11 * 60_000) };
    await withApi(options, async (api) => {
      const model = manifest({ polling_job_timeout: "{{ config.get('timeout', 10) }}", partition_router: undefined });
      const result = await readWith(api, model, clock);
      assert.notEqual(result.exitCode, 0);
      assert.deepEqual(
        api.lines().filter((line) => line.startsWith('POST')),
        ['POST /jobs', 'POST /jobs/job-1/cancel', 'POST /jobs', 'POST /jobs/job-2/cancel', 'POST /jobs', 'POST /jobs/job-3/cancel'],
      );
      const error = result.errors.find((error) => error.stream_descriptor?.name === 'report');
      assert.equal(error?.failure_type, 'config_error');
      assert.match(error?.message ?? '', /slice \{\} did not complete \(job [\w-]+: timeout, attempt 3 of 3\)/);
    });
  });

  test('a status the status_mapping does not list is a system_error that names it, and the running job is aborted', async () => {
    await withApi({ statuses: ['exploded'], exportOf: csvExport(false) }, async (api) => {
      const result = await readWith(api, manifest({ partition_router: undefined }));
      assert.notEqual(result.exitCode, 0);
      const error = result.errors.find((error) => error.stream_descriptor?.name === 'report');
      assert.equal(error?.failure_type, 'system_error');
      assert.match(error?.message ?? '', /API status `exploded` is unknown/);
      assert.deepEqual(api.lines(), ['POST /jobs', 'GET /jobs/job-1', 'POST /jobs/job-1/cancel']);
    });
  });

  test('an API status listed twice in status_mapping is a config_error', async () => {
    await withApi({ statuses: ['ready'], exportOf: csvExport(false) }, async (api) => {
      const mapping = { running: ['pending'], completed: ['ready'], failed: ['ready'], timeout: [] };
      const result = await readWith(api, manifest({ status_mapping: mapping }));
      const error = result.errors.find((error) => error.stream_descriptor?.name === 'report');
      assert.equal(error?.failure_type, 'config_error');
      assert.match(error?.message ?? '', /API status ready is already set/);
      assert.deepEqual(api.lines(), []);
    });
  });

  test('a skipped job (no data) gives no records and no retry, and the other partitions are read', async () => {
    await withApi({ statuses: ['pending', 'nodata'], exportOf: csvExport(false) }, async (api) => {
      const mapping = { running: ['pending'], completed: ['ready'], failed: ['error'], timeout: [], skipped: ['nodata'] };
      const result = await readWith(api, manifest({ status_mapping: mapping }));
      assert.equal(result.exitCode, 0, result.describeErrors());
      assert.deepEqual(result.recordsOf('report'), []);
      assert.deepEqual(api.lines().filter((line) => line === 'POST /jobs').length, 2);
      assert.ok(result.logs.some((log) => /skipped by the API/.test(log.message)));
    });
  });

  test('a job whose creation failed (HTTP 500 after the retries) is created again and then read', async () => {
    const clock = new TestClock();
    const options = { statuses: ['ready'], exportOf: csvExport(false), creationFailures: [500, 500, 500, 500], now: clock.now };
    await withApi(options, async (api) => {
      const error_handler = {
        type: 'DefaultErrorHandler',
        max_retries: 1,
        backoff_strategies: [{ type: 'ConstantBackoffStrategy', backoff_time_in_seconds: 0 }],
      };
      const creation = { type: 'HttpRequester', url_base: "{{ config['base'] }}", path: '/jobs', http_method: 'POST', error_handler };
      const result = await readWith(api, manifest({ creation_requester: creation, partition_router: undefined }), clock);
      assert.equal(result.exitCode, 0, result.describeErrors());
      assert.equal(result.recordsOf('report').length, 2);
      // Two attempts of two requests each failed; the third attempt got through.
      assert.equal(api.lines().filter((line) => line === 'POST /jobs').length, 5);
      assert.ok(result.logs.some((log) => /Could not start an async job for stream 'report'/.test(log.message)));
    });
  });

  test('failed_retry_wait_time_in_seconds: a job the API reported failed is created again only once the wait is over', async () => {
    const clock = new TestClock();
    await withApi({ statuses: ['error', 'ready'], exportOf: csvExport(false), now: clock.now }, async (api) => {
      const model = manifest({ failed_retry_wait_time_in_seconds: 60, partition_router: undefined });
      const result = await readWith(api, model, clock);
      const creations = api.calls.filter((call) => call.method === 'POST' && call.path === '/jobs').map((call) => call.at ?? 0);
      assert.equal(creations.length, 3);
      assert.ok(creations[1] - creations[0] >= 60_000, `second creation ${creations[1] - creations[0]} ms after the first`);
      assert.ok(creations[2] - creations[1] >= 60_000, `third creation ${creations[2] - creations[1]} ms after the second`);
      assert.equal(result.errors.find((error) => error.stream_descriptor?.name === 'report')?.failure_type, 'config_error');
    });
  });

  test('incremental: a job per datetime slice, the records seen by the cursor, its state written', async () => {
    const exportOf = (day: string) => ({ body: `id,updated_at\n${day},${day}T10:00:00Z\n`, contentType: 'text/csv' });
    await withApi({ statuses: ['ready'], exportOf }, async (api) => {
      const model = manifest({
        partition_router: undefined,
        creation_requester: {
          type: 'HttpRequester',
          url_base: "{{ config['base'] }}",
          path: '/jobs',
          http_method: 'POST',
          request_body_json: { report: '{{ stream_interval.start_time }}' },
        },
      });
      const stream = model.streams[0] as Record<string, unknown>;
      stream.transformations = [];
      stream.incremental_sync = {
        type: 'DatetimeBasedCursor',
        cursor_field: 'updated_at',
        datetime_format: '%Y-%m-%d',
        cursor_datetime_formats: ['%Y-%m-%dT%H:%M:%SZ'],
        start_datetime: '2024-06-01',
        end_datetime: '2024-06-03',
        step: 'P1D',
        cursor_granularity: 'P1D',
      };
      const source = new DeclarativeSource(model, { asyncJobTiming: { pollIntervalMs: 1 } });
      const result = await read(source, { config: { base: api.url }, streams: [{ name: 'report', syncMode: 'incremental' }] });
      assert.equal(result.exitCode, 0, result.describeErrors());
      // One job per slice of the cursor (each its own day), the records of each in slice order.
      const reports = api.calls.filter((call) => call.path === '/jobs').map((call) => JSON.parse(call.body).report as string);
      assert.ok(reports.length >= 2, `${reports.length} jobs`);
      assert.equal(reports[0], '2024-06-01');
      assert.equal(new Set(reports).size, reports.length);
      assert.deepEqual(
        result.recordsOf('report').map((record) => record.updated_at),
        reports.map((day) => `${day}T10:00:00Z`),
      );
      assert.match(String((result.latestState('report') as Record<string, unknown>).updated_at), new RegExp(`^${reports.at(-1)}`));
    });
  });

  test('check reads the first record, and the job still running when it stops is aborted', async () => {
    const options = {
      statuses: ['ready'],
      statusesOf: (id: string) => (id === 'job-2' ? ['pending'] : undefined),
      exportOf: csvExport(false),
    };
    await withApi(options, async (api) => {
      const source = new DeclarativeSource(manifest({}, { max_concurrent_async_job_count: 2 }), { asyncJobTiming: { pollIntervalMs: 1 } });
      const result = await check(source, { config: { base: api.url } });
      assert.equal(result.connectionStatus.status, 'SUCCEEDED', result.describeErrors());
      // The check stops taking slices once it has the first (job-2 still running is then aborted) and reads its record.
      assert.deepEqual(api.lines().slice(0, 4), ['POST /jobs', 'POST /jobs', 'GET /jobs/job-1', 'GET /jobs/job-2']);
      assert.deepEqual(api.lines().slice(4).sort(), ['GET /files/job-1', 'POST /jobs/job-2/cancel']);
    });
  });
});
