/**
 * Incremental reads through a real API, with the Python CDK's states key for key: a
 * DatetimeBasedCursor's slices, request options and sequential state (the newest record cursor of
 * the first contiguous range of finished slices, written after every slice and once at the end),
 * resuming from a state in the Python CDK's format, lookback, cursor_datetime_formats,
 * client-side filtering, data feeds, per-partition and global cursors, IncrementingCountCursor,
 * and a failure in the middle of a slice.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { streamState } from '@tributary/cdk/testing';
import {
  binRecords,
  binStates,
  definition,
  type Handler,
  manifest,
  page,
  queryOf,
  readManifest,
  readWithBin,
  reply,
  requestLines,
  stream,
  useApi,
  yaml,
} from './mock-api.js';

const api = useApi();
const config = (extra: Record<string, unknown> = {}) => ({
  base_url: api.url,
  start: '2024-01-01T00:00:00Z',
  end: '2024-01-03T12:00:00Z',
  ...extra,
});

const EVENTS = [
  { id: 1, updated_at: '2024-01-01T05:00:00Z' },
  { id: 2, updated_at: '2024-01-01T10:00:00Z' },
  { id: 3, updated_at: '2024-01-03T01:00:00Z' },
  { id: 4, updated_at: '2024-01-03T11:00:00Z' },
];

/** The events whose updated_at is within the query's [since, until] (ISO text compares as time here). */
function eventsApi(events = EVENTS): Handler {
  return page(({ url }) => {
    const since = url.searchParams.get('since') ?? '';
    const until = url.searchParams.get('until') ?? '9999';
    return events.filter((event) => event.updated_at >= since && event.updated_at <= until);
  });
}

function cursor(extra = ''): string {
  return yaml`
    incremental_sync:
      type: DatetimeBasedCursor
      cursor_field: updated_at
      datetime_format: "%Y-%m-%dT%H:%M:%SZ"
      start_datetime: "{{ config.start }}"
      end_datetime: "{{ config.end }}"
      step: P1D
      cursor_granularity: PT1S
      start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
      end_time_option: {type: RequestOption, inject_into: request_parameter, field_name: until}
  `.concat(extra === '' ? '' : extra.replace(/^/gm, '  '));
}

const events = (cursorYaml = cursor()) => manifest(stream('events', '/events', { stream: cursorYaml }));

async function readEvents(text: string, options: { state?: unknown; config?: Record<string, unknown> } = {}) {
  const state = options.state === undefined ? undefined : [streamState('events', options.state as Record<string, unknown>)];
  return readManifest(text, { config: options.config ?? config(), syncMode: 'incremental', state });
}

describe('DatetimeBasedCursor', () => {
  test('step slices with granularity, start/end time options, a state after each slice and at the end', async () => {
    api.server.on('/events', eventsApi());
    const result = await readEvents(events());
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), [
      'GET /events?since=2024-01-01T00%3A00%3A00Z&until=2024-01-01T23%3A59%3A59Z',
      'GET /events?since=2024-01-02T00%3A00%3A00Z&until=2024-01-02T23%3A59%3A59Z',
      'GET /events?since=2024-01-03T00%3A00%3A00Z&until=2024-01-03T12%3A00%3A00Z',
    ]);
    assert.deepEqual(
      result.recordsOf('events').map((record) => record.id),
      [1, 2, 3, 4],
    );
    assert.deepEqual(result.statesOf('events'), [
      { updated_at: '2024-01-01T10:00:00Z' },
      { updated_at: '2024-01-01T10:00:00Z' },
      { updated_at: '2024-01-03T11:00:00Z' },
      { updated_at: '2024-01-03T11:00:00Z' },
    ]);
  });

  test('no record at all: the state is the start', async () => {
    api.server.on(
      '/events',
      page(() => []),
    );
    const result = await readEvents(events(), { config: config({ end: '2024-01-01T06:00:00Z' }) });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.statesOf('events'), [{ updated_at: '2024-01-01T00:00:00Z' }, { updated_at: '2024-01-01T00:00:00Z' }]);
  });

  test("resumes from a state written by the Python CDK: slices start at the state's cursor value", async () => {
    api.server.on('/events', eventsApi());
    const result = await readEvents(events(), { state: { updated_at: '2024-01-02T06:00:00Z' } });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      api.server.requests.map((request) => queryOf(request)),
      [
        { since: '2024-01-02T06:00:00Z', until: '2024-01-03T05:59:59Z' },
        { since: '2024-01-03T06:00:00Z', until: '2024-01-03T12:00:00Z' },
      ],
    );
    assert.deepEqual(
      result.recordsOf('events').map((record) => record.id),
      [3, 4],
    );
    assert.deepEqual(result.latestState('events'), { updated_at: '2024-01-03T11:00:00Z' });
  });

  test('lookback_window moves the first slice back from the state', async () => {
    api.server.on('/events', eventsApi());
    const result = await readEvents(events(cursor('lookback_window: P1D')), { state: { updated_at: '2024-01-03T06:00:00Z' } });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      api.server.requests.map((request) => queryOf(request).since),
      ['2024-01-02T06:00:00Z', '2024-01-03T06:00:00Z'],
    );
    assert.deepEqual(result.latestState('events'), { updated_at: '2024-01-03T11:00:00Z' });
  });

  test('cursor_datetime_formats read record values in other formats; the state is written in datetime_format', async () => {
    api.server.on(
      '/events',
      page(() => [
        { id: 1, updated_at: '1704153600' },
        { id: 2, updated_at: '2024-01-02 03:04:05' },
      ]),
    );
    const text = events(
      cursor('cursor_datetime_formats: ["%s", "%Y-%m-%d %H:%M:%S"]').replace('step: P1D\n  cursor_granularity: PT1S\n  ', ''),
    );
    const result = await readEvents(text, { config: config({ end: '2024-01-02T12:00:00Z' }) });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(api.server.requests.length, 1);
    assert.deepEqual(result.statesOf('events'), [{ updated_at: '2024-01-02T03:04:05Z' }, { updated_at: '2024-01-02T03:04:05Z' }]);
  });

  test('MinMaxDatetime: start_datetime with a min_datetime and a datetime_format of its own, end_datetime with a max', async () => {
    api.server.on('/events', eventsApi());
    const text = events(
      cursor()
        .replace(
          'start_datetime: "{{ config.start }}"',
          'start_datetime: {type: MinMaxDatetime, datetime: "{{ config.start_date }}", datetime_format: "%Y-%m-%d", min_datetime: "2024-01-02"}',
        )
        .replace(
          'end_datetime: "{{ config.end }}"',
          'end_datetime: {type: MinMaxDatetime, datetime: "{{ config.end }}", datetime_format: "%Y-%m-%dT%H:%M:%SZ", max_datetime: "2024-01-02T18:00:00Z"}',
        ),
    );
    const result = await readEvents(text, { config: config({ start_date: '2023-12-01' }) });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      api.server.requests.map((request) => queryOf(request)),
      [{ since: '2024-01-02T00:00:00Z', until: '2024-01-02T18:00:00Z' }],
    );
    assert.deepEqual(result.statesOf('events'), [{ updated_at: '2024-01-02T00:00:00Z' }, { updated_at: '2024-01-02T00:00:00Z' }]);
  });

  test('is_client_side_incremental: the API ignores the dates, records before the state are dropped', async () => {
    api.server.on(
      '/events',
      page(() => EVENTS),
    );
    const text = events(
      yaml`
        incremental_sync:
          type: DatetimeBasedCursor
          cursor_field: updated_at
          datetime_format: "%Y-%m-%dT%H:%M:%SZ"
          start_datetime: "{{ config.start }}"
          end_datetime: "{{ config.end }}"
          is_client_side_incremental: true
      `,
    );
    const result = await readEvents(text, { state: { updated_at: '2024-01-02T00:00:00Z' } });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), ['GET /events']);
    assert.deepEqual(
      result.recordsOf('events').map((record) => record.id),
      [3, 4],
    );
    assert.deepEqual(result.latestState('events'), { updated_at: '2024-01-03T11:00:00Z' });
  });

  test('is_data_feed: pages (newest first) stop at the first page that reaches the state', async () => {
    const feed = Array.from({ length: 9 }, (_, index) => ({ id: 9 - index, updated_at: `2024-01-0${9 - index}T00:00:00Z` }));
    api.server.on(
      '/events',
      page(({ url }) => {
        const p = Number(url.searchParams.get('page') ?? 1);
        return feed.slice((p - 1) * 3, p * 3);
      }),
    );
    const text = manifest(
      stream('events', '/events', {
        retriever:
          'paginator: {type: DefaultPaginator, page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}, pagination_strategy: {type: PageIncrement, page_size: 3, start_from_page: 1}}',
        stream: yaml`
          incremental_sync:
            type: DatetimeBasedCursor
            cursor_field: updated_at
            datetime_format: "%Y-%m-%dT%H:%M:%SZ"
            start_datetime: "{{ config.start }}"
            is_data_feed: true
        `,
      }),
    );
    const result = await readEvents(text, { state: { updated_at: '2024-01-05T12:00:00Z' } });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), ['GET /events', 'GET /events?page=2']);
    assert.deepEqual(
      result.recordsOf('events').map((record) => record.id),
      [9, 8, 7, 6],
      'records the state already covers are dropped once the paginator has seen the page (the Python CDK golden reads)',
    );
    assert.deepEqual(result.latestState('events'), { updated_at: '2024-01-09T00:00:00Z' });
  });
});

describe('DatetimeBasedCursor in request bodies and templates', () => {
  test("start/end time options into a JSON body; partition_field_start/end name the slice's keys for templates", async () => {
    api.server.on(
      '/search',
      page(() => []),
    );
    const text = manifest(
      stream('events', '/search', {
        requester: 'http_method: POST\nrequest_parameters: {from: "{{ stream_interval.begin }}", to: "{{ stream_slice[\'finish\'] }}"}',
        stream: cursor()
          .replace(
            '{type: RequestOption, inject_into: request_parameter, field_name: since}',
            '{type: RequestOption, inject_into: body_json, field_path: [range, gte]}',
          )
          .replace(
            '{type: RequestOption, inject_into: request_parameter, field_name: until}',
            '{type: RequestOption, inject_into: body_json, field_path: [range, lte]}',
          )
          .concat('  partition_field_start: begin\n  partition_field_end: finish\n'),
      }),
    );
    const result = await readEvents(text, { config: config({ end: '2024-01-01T12:00:00Z' }) });
    assert.equal(result.exitCode, 0, result.describeErrors());
    const [request] = api.server.requests;
    assert.deepEqual(JSON.parse(request.body), { range: { gte: '2024-01-01T00:00:00Z', lte: '2024-01-01T12:00:00Z' } });
    assert.deepEqual(queryOf(request), { from: '2024-01-01T00:00:00Z', to: '2024-01-01T12:00:00Z' });
  });
});

describe('per-partition cursors', () => {
  const regionEvents: Record<string, Array<{ id: string; updated_at: string }>> = {
    eu: [
      { id: 'eu1', updated_at: '2024-01-01T05:00:00Z' },
      { id: 'eu2', updated_at: '2024-01-02T05:00:00Z' },
    ],
    us: [{ id: 'us1', updated_at: '2024-01-01T07:00:00Z' }],
  };

  function regionsApi(): void {
    for (const region of ['eu', 'us']) {
      api.server.on(
        `/regions/${region}/events`,
        page(({ url }) => regionEvents[region].filter((event) => event.updated_at >= (url.searchParams.get('since') ?? ''))),
      );
    }
  }

  const partitioned = (extraCursor = '') =>
    manifest(
      stream('events', '"/regions/{{ stream_partition.region }}/events"', {
        retriever: 'partition_router: {type: ListPartitionRouter, cursor_field: region, values: [eu, us]}',
        stream: cursor(extraCursor)
          .replace('step: P1D\n  cursor_granularity: PT1S\n  ', '')
          .replace(/ {2}end_time_option.*\n/, ''),
      }),
    );

  /** A state without its lookback_window, which is the seconds the read took (ceil), as in Python. */
  function withoutLookback(state: Record<string, unknown> | undefined): Record<string, unknown> {
    const { lookback_window, ...rest } = state ?? {};
    assert.equal(typeof lookback_window, 'number');
    return rest;
  }

  test('one cursor per partition: {use_global_cursor, states: [{partition, cursor}], state, lookback_window}', async () => {
    regionsApi();
    const result = await readEvents(partitioned());
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), [
      'GET /regions/eu/events?since=2024-01-01T00%3A00%3A00Z',
      'GET /regions/us/events?since=2024-01-01T00%3A00%3A00Z',
    ]);
    const states = result.statesOf('events');
    assert.deepEqual(states[0], {
      use_global_cursor: false,
      states: [{ partition: { region: 'eu' }, cursor: { updated_at: '2024-01-02T05:00:00Z' } }],
      lookback_window: 0,
    });
    assert.deepEqual(withoutLookback(states.at(-1)), {
      use_global_cursor: false,
      states: [
        { partition: { region: 'eu' }, cursor: { updated_at: '2024-01-02T05:00:00Z' } },
        { partition: { region: 'us' }, cursor: { updated_at: '2024-01-01T07:00:00Z' } },
      ],
      state: { updated_at: '2024-01-02T05:00:00Z' },
    });
  });

  test('resumes each partition from its own cursor in a Python CDK per-partition state; a new partition starts from the global state', async () => {
    regionsApi();
    api.server.on(
      '/regions/ap/events',
      page(() => []),
    );
    const text = partitioned().replace('values: [eu, us]', 'values: [eu, us, ap]');
    const state = {
      use_global_cursor: false,
      states: [
        { partition: { region: 'eu' }, cursor: { updated_at: '2024-01-02T00:00:00Z' } },
        { partition: { region: 'us' }, cursor: { updated_at: '2024-01-01T06:00:00Z' } },
      ],
      state: { updated_at: '2024-01-02T00:00:00Z' },
      lookback_window: 0,
    };
    const result = await readEvents(text, { state });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      api.server.requests.map((request) => `${request.path} ${queryOf(request).since}`),
      ['/regions/eu/events 2024-01-02T00:00:00Z', '/regions/us/events 2024-01-01T06:00:00Z', '/regions/ap/events 2024-01-02T00:00:00Z'],
    );
    assert.deepEqual(
      result.recordsOf('events').map((record) => record.id),
      ['eu2', 'us1'],
    );
  });

  test('a partition that fails keeps no progress: the next read resumes the others from their cursors and it from the start', async () => {
    regionsApi();
    api.server.on('/regions/us/events', reply.status(404));
    const failed = await readEvents(partitioned());
    assert.equal(failed.exitCode, 1);
    const state = failed.latestState('events') as { states: Array<{ partition: unknown; cursor: unknown }>; state?: unknown };
    assert.deepEqual(state.states[0], { partition: { region: 'eu' }, cursor: { updated_at: '2024-01-02T05:00:00Z' } });
    assert.equal(state.state, undefined, 'no global cursor while a partition is unfinished');
    regionsApi();
    api.server.requests.length = 0;
    const resumed = await readEvents(partitioned(), { state });
    assert.equal(resumed.exitCode, 0, resumed.describeErrors());
    assert.deepEqual(
      api.server.requests.map((request) => `${request.path} ${queryOf(request).since}`),
      ['/regions/eu/events 2024-01-02T05:00:00Z', '/regions/us/events 2024-01-01T00:00:00Z'],
    );
    assert.deepEqual(
      resumed.recordsOf('events').map((record) => record.id),
      ['eu2', 'us1'],
    );
  });

  test('a global state (no `states`) applies to every partition', async () => {
    regionsApi();
    const result = await readEvents(partitioned(), { state: { updated_at: '2024-01-01T06:00:00Z' } });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(
      api.server.requests.map((request) => queryOf(request).since),
      ['2024-01-01T06:00:00Z', '2024-01-01T06:00:00Z'],
    );
  });

  test('global_substream_cursor keeps one cursor for all partitions: {use_global_cursor: true, state, lookback_window}', async () => {
    regionsApi();
    const result = await readEvents(partitioned('global_substream_cursor: true'));
    assert.equal(result.exitCode, 0, result.describeErrors());
    const states = result.statesOf('events');
    assert.equal(states.length, 1, 'a global cursor writes no state while partitions are read (no parent state), only at the end');
    assert.deepEqual(withoutLookback(states[0]), { use_global_cursor: true, state: { updated_at: '2024-01-02T05:00:00Z' } });
  });
});

describe('SubstreamPartitionRouter with incremental_dependency', () => {
  test("the parent is read incrementally from the parent_state in the child's state, which the child's state carries on", async () => {
    api.server.on(
      '/parents',
      page(({ url }) =>
        [
          { id: 1, updated_at: '2024-01-01T03:00:00Z' },
          { id: 2, updated_at: '2024-01-02T03:00:00Z' },
        ].filter((parent) => parent.updated_at >= (url.searchParams.get('since') ?? '')),
      ),
    );
    for (const id of [1, 2])
      api.server.on(
        `/parents/${id}/events`,
        page(() => [{ id: `e${id}`, updated_at: `2024-01-0${id}T04:00:00Z` }]),
      );
    const parentCursor = cursor()
      .replace('step: P1D\n  cursor_granularity: PT1S\n  ', '')
      .replace(/ {2}end_time_option.*\n/, '');
    const parent = definition('parent_stream', stream('parents', '/parents', { stream: parentCursor }));
    const router = yaml`
      partition_router:
        type: SubstreamPartitionRouter
        parent_stream_configs:
          - {type: ParentStreamConfig, stream: {$ref: "#/definitions/parent_stream"}, parent_key: id, partition_field: parent_id, incremental_dependency: true}
    `;
    const child = stream('events', '"/parents/{{ stream_partition.parent_id }}/events"', {
      retriever: router,
      stream: parentCursor.replace(/ {2}start_time_option.*\n/, ''),
    });
    const text = manifest(child, { definitions: parent });
    const state = {
      use_global_cursor: false,
      states: [{ partition: { parent_id: 1, parent_slice: {} }, cursor: { updated_at: '2024-01-01T04:00:00Z' } }],
      state: { updated_at: '2024-01-01T04:00:00Z' },
      lookback_window: 0,
      parent_state: { parents: { updated_at: '2024-01-01T12:00:00Z' } },
    };
    const result = await readManifest(text, {
      config: config(),
      streams: ['events'],
      syncMode: 'incremental',
      state: [streamState('events', state)],
    });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), ['GET /parents?since=2024-01-01T12%3A00%3A00Z', 'GET /parents/2/events']);
    assert.deepEqual(
      result.recordsOf('events').map((record) => record.id),
      ['e2'],
    );
    const { lookback_window: _, ...final } = result.latestState('events') ?? {};
    assert.deepEqual(final, {
      use_global_cursor: false,
      states: [
        { partition: { parent_id: 1, parent_slice: {} }, cursor: { updated_at: '2024-01-01T04:00:00Z' } },
        { partition: { parent_id: 2, parent_slice: {} }, cursor: { updated_at: '2024-01-02T04:00:00Z' } },
      ],
      state: { updated_at: '2024-01-02T04:00:00Z' },
      parent_state: { parents: { updated_at: '2024-01-02T03:00:00Z' } },
    });
  });
});

describe('IncrementingCountCursor', () => {
  test('the state is the largest count; start_value_option sends it; a Python CDK state resumes', async () => {
    api.server.on(
      '/counted',
      page(({ url }) => [5, 6, 7].filter((id) => id >= Number(url.searchParams.get('from_id') ?? 0)).map((id) => ({ id }))),
    );
    const text = manifest(
      stream('counted', '/counted', {
        stream: yaml`
          incremental_sync:
            type: IncrementingCountCursor
            cursor_field: id
            start_value: 0
            start_value_option: {type: RequestOption, inject_into: request_parameter, field_name: from_id}
        `,
      }),
    );
    const first = await readManifest(text, { config: config(), syncMode: 'incremental' });
    assert.equal(first.exitCode, 0, first.describeErrors());
    assert.deepEqual(first.statesOf('counted'), [{ id: 7 }, { id: 7 }]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /counted?from_id=0']);
    api.server.requests.length = 0;
    const resumed = await readManifest(text, { config: config(), syncMode: 'incremental', state: [streamState('counted', { id: 6 })] });
    assert.deepEqual(requestLines(api.server.requests), ['GET /counted?from_id=6']);
    assert.deepEqual(
      resumed.recordsOf('counted').map((record) => record.id),
      [6, 7],
    );
    assert.deepEqual(resumed.latestState('counted'), { id: 7 });
  });
});

describe('a failure in the middle of a slice', () => {
  const retriever = yaml`
    paginator:
      type: DefaultPaginator
      page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
      pagination_strategy: {type: CursorPagination, cursor_value: "{{ response.next }}", stop_condition: "{{ not response.next }}"}
  `;
  const requester =
    'error_handler: {type: DefaultErrorHandler, max_retries: 1, backoff_strategies: [{type: ConstantBackoffStrategy, backoff_time_in_seconds: 0.01}]}';

  const DAY2 = [
    { id: 21, updated_at: '2024-01-02T01:00:00Z' },
    { id: 22, updated_at: '2024-01-02T02:00:00Z' },
  ];

  /** The events in [since, until], one a page (`page` is the offset); serving event 22 fails while `failing()`. */
  function flakyApi(failing: () => boolean): Handler {
    const all = [...EVENTS, ...DAY2].sort((a, b) => a.updated_at.localeCompare(b.updated_at));
    return ({ res, url }) => {
      const q = url.searchParams;
      const inRange = all.filter((event) => event.updated_at >= (q.get('since') ?? '') && event.updated_at <= (q.get('until') ?? ''));
      const offset = Number(q.get('page') ?? 0);
      const status = failing() && inRange[offset]?.id === 22 ? 500 : 200;
      const next = offset + 1 < inRange.length ? String(offset + 1) : null;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 500 ? { error: 'boom' } : { data: inRange.slice(offset, offset + 1), next }));
    };
  }

  test('the stream fails with a TRACE and its state stays at the last complete range; the next read resumes there and loses nothing', async () => {
    let failing = true;
    api.server.on(
      '/events',
      flakyApi(() => failing),
    );
    const text = manifest(stream('events', '/events', { requester, retriever, stream: cursor() }));
    const failed = await readEvents(text);
    assert.equal(failed.exitCode, 1);
    const [streamError, syncError] = failed.errors;
    assert.equal(streamError.failure_type, 'transient_error');
    assert.deepEqual(streamError.stream_descriptor, { name: 'events' });
    assert.match(streamError.message, /HTTP Status Code: 500/);
    assert.equal(syncError.failure_type, 'config_error');
    assert.equal(syncError.message, 'During the sync, the following streams did not sync successfully: events');
    assert.deepEqual(failed.statusesOf('events').at(-1), 'INCOMPLETE');
    const read = failed.recordsOf('events').map((record) => record.id);
    // The slices after the failed one are not read (see KNOWN_DIFFERENCES.md); the state does not pass the failed slice either way.
    assert.deepEqual(read, [1, 2, 21], 'records of the pages read before the failure are kept');
    assert.deepEqual(failed.statesOf('events'), [{ updated_at: '2024-01-01T10:00:00Z' }, { updated_at: '2024-01-01T10:00:00Z' }]);
    const day2Page2 = api.server.requests.filter(
      (request) => queryOf(request).since === '2024-01-02T00:00:00Z' && queryOf(request).page === '1',
    );
    assert.equal(day2Page2.length, 2, 'the failing page was retried once (max_retries: 1)');

    failing = false;
    api.server.requests.length = 0;
    const resumed = await readEvents(text, { state: failed.latestState('events') });
    assert.equal(resumed.exitCode, 0, resumed.describeErrors());
    assert.equal(queryOf(api.server.requests[0]).since, '2024-01-01T10:00:00Z');
    assert.deepEqual(
      resumed.recordsOf('events').map((record) => record.id),
      [2, 21, 22, 3, 4],
    );
    assert.deepEqual(resumed.latestState('events'), { updated_at: '2024-01-03T11:00:00Z' });
  });
});

describe('full refresh of an incremental stream and the real bin', () => {
  test("a full refresh reads from the start whatever the state, and still writes the cursor's states", async () => {
    api.server.on('/events', eventsApi());
    const result = await readManifest(events(), {
      config: config(),
      syncMode: 'full_refresh',
      state: [streamState('events', { updated_at: '2024-01-03T00:00:00Z' })],
    });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.equal(queryOf(api.server.requests[0]).since, '2024-01-01T00:00:00Z');
    assert.equal(result.recordsOf('events').length, 4);
    assert.deepEqual(result.latestState('events'), { updated_at: '2024-01-03T11:00:00Z' });
  });

  test('a stream without a cursor ignores an old resumable-full-refresh state and writes __ab_no_cursor_state_message', async () => {
    api.server.on(
      '/plain',
      page(({ url }) => (url.searchParams.get('page') === null ? [{ id: 1 }] : [])),
    );
    const text = manifest(stream('plain', '/plain'));
    const state = [streamState('plain', { __ab_full_refresh_sync_complete: false, next_page_token: 'abc' })];
    const result = await readManifest(text, { config: config(), state });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(requestLines(api.server.requests), ['GET /plain']);
    assert.deepEqual(result.statesOf('plain'), [{ __ab_no_cursor_state_message: true }]);
  });

  test('the real bin reads incrementally from a --state file and prints the same states', async () => {
    api.server.on('/events', eventsApi());
    const state = [streamState('events', { updated_at: '2024-01-02T06:00:00Z' })];
    const result = await readWithBin(events(), { config: config(), syncMode: 'incremental', state });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(
      binRecords(result).map((record) => record.id),
      [3, 4],
    );
    assert.deepEqual(binStates(result), [
      { updated_at: '2024-01-03T01:00:00Z' },
      { updated_at: '2024-01-03T11:00:00Z' },
      { updated_at: '2024-01-03T11:00:00Z' },
    ]);
  });
});
