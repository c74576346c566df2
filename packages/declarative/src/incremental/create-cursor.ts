// Builds a stream's cursor and its request options from the manifest, as the CDK's factory does:
// no incremental_sync → FinalStateCursor over the partitions; a DatetimeBasedCursor → a
// ConcurrentCursor, or a per-partition cursor when the stream has a partition router (global with
// `global_substream_cursor` or a GroupingPartitionRouter); an IncrementingCountCursor → a
// ConcurrentCursor of counts (not with a partition router, as in the CDK).
import { ConnectorError } from '@tributary/cdk';
import type { IncrementingCountCursor as CountModel, DatetimeBasedCursor as DatetimeModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PyDateTime } from '../interpolation/datetime/model.js';
import { PyTimeDelta } from '../interpolation/datetime/model.js';
import type { PyValue } from '../interpolation/values/object.js';
import { GroupingPartitionRouter } from '../partitions/grouping-partition-router.js';
import { type PartitionRouter, SinglePartitionRouter } from '../partitions/partition-router.js';
import { createRequestOption } from '../requests/request-option.js';
import { ConcurrentCursor } from './concurrent-cursor.js';
import { type Cursor, FinalStateCursor, type StreamStateBlob } from './cursor.js';
import { CountValues } from './cursor-values.js';
import { type DatetimeCursorParts, datetimeCursorParts } from './datetime-cursor-parts.js';
import { minus } from './datetime-format.js';
import { DatetimeRequestOptions, PerPartitionRequestOptions, type RequestOptionsProvider } from './datetime-request-options.js';
import { PerPartitionCursor } from './per-partition-cursor.js';

/** What a stream's cursor is built from: its manifest components, config, state and clock. */
export interface CursorInput {
  readonly model: DatetimeModel | CountModel | undefined;
  readonly env: ComponentEnvironment;
  /** The stream's state as the platform gave it (after the stream's state migrations). */
  readonly state: StreamStateBlob;
  /** The stream's partition router; SinglePartitionRouter when it has none. */
  readonly router: PartitionRouter;
  /** The stream's `$parameters` (the CDK builds the request options provider with them). */
  readonly streamParameters?: Record<string, unknown>;
  /** Wall-clock seconds (state throttling and the lookback timer); Date.now() by default. */
  readonly now?: () => number;
  /** Hears problems that do not fail the stream, such as a state value in an unexpected format. */
  readonly warn?: (message: string) => void;
}

/** A stream's cursor, with the request options it adds to each slice's requests. */
export interface StreamCursor {
  readonly cursor: Cursor;
  /** What the cursor (and the partition router) put into requests. */
  readonly requestOptions: RequestOptionsProvider;
  readonly clientSideIncremental: boolean;
  readonly dataFeed: boolean;
}

const wallClock = () => Date.now() / 1000;

/**
 * The cursor of a stream: datetime, incrementing count, per partition or none, as its manifest
 * says.
 */
export function createStreamCursor(input: CursorInput): StreamCursor {
  const { model, router } = input;
  const partitioned = !(router instanceof SinglePartitionRouter);
  if (model === undefined)
    return {
      cursor: new FinalStateCursor(() => router.streamSlices()),
      requestOptions: router,
      clientSideIncremental: false,
      dataFeed: false,
    };
  if (model.type === 'IncrementingCountCursor') {
    if (partitioned) {
      throw ConnectorError.config(
        'The low-code framework does not currently support usage of a PartitionRouter and an IncrementingCountCursor at the same time.',
      );
    }
    return countCursor(model, input);
  }
  if (model.type !== 'DatetimeBasedCursor')
    throw ConnectorError.config(`Incremental sync of type ${(model as { type: string }).type} is not supported`);
  const cursor = partitioned
    ? perPartitionCursor(model, input)
    : datetimeCursor(datetimeCursorParts(model, input.env), input.state, input.warn);
  const options = datetimeRequestOptions(model, input);
  return {
    cursor,
    requestOptions: partitioned ? new PerPartitionRequestOptions(router, options) : options,
    clientSideIncremental: model.is_client_side_incremental === true,
    dataFeed: model.is_data_feed === true,
  };
}

function datetimeCursor(
  parts: DatetimeCursorParts,
  state: StreamStateBlob,
  warn?: (message: string) => void,
): ConcurrentCursor<PyDateTime> {
  return new ConcurrentCursor({ ...parts, state, warn });
}

function perPartitionCursor(model: DatetimeModel, input: CursorInput): PerPartitionCursor<PyDateTime> {
  const parts = datetimeCursorParts(model, input.env);
  const createCursor = (state: StreamStateBlob, lookbackSeconds: number) => {
    const fresh = datetimeCursorParts(model, input.env);
    const value = state[fresh.cursorField];
    if (lookbackSeconds !== 0 && value !== undefined && value !== null && value !== '') {
      const moved = minus(fresh.values.parse(value), new PyTimeDelta(BigInt(lookbackSeconds) * 1_000_000n));
      state[fresh.cursorField] = fresh.values.format(moved) as PyValue;
    }
    return datetimeCursor(fresh, state, input.warn);
  };
  return new PerPartitionCursor({
    router: input.router,
    createCursor,
    values: parts.values,
    cursorField: parts.cursorField,
    useGlobalCursor: input.router instanceof GroupingPartitionRouter || model.global_substream_cursor === true,
    state: input.state,
    now: input.now ?? wallClock,
    warn: input.warn,
  });
}

function datetimeRequestOptions(model: DatetimeModel, input: CursorInput): DatetimeRequestOptions {
  const parameters = parametersOf(model);
  const streamParameters = (input.streamParameters ?? {}) as Record<string, PyValue>;
  const field = (value: string | undefined, fallback: string) =>
    new InterpolatedString(value || fallback, streamParameters).evalString(input.env);
  return new DatetimeRequestOptions(
    createRequestOption(model.start_time_option, input.env, parameters),
    createRequestOption(model.end_time_option, input.env, parameters),
    field(model.partition_field_start, 'start_time'),
    field(model.partition_field_end, 'end_time'),
  );
}

function countCursor(model: CountModel, input: CursorInput): StreamCursor {
  const parameters = parametersOf(model);
  const start =
    model.start_value === undefined || model.start_value === ''
      ? 0
      : Number(new InterpolatedString(String(model.start_value), parameters).eval(input.env));
  const cursor = new ConcurrentCursor<number>({
    values: new CountValues(),
    cursorField: new InterpolatedString(String(model.cursor_field), parameters).evalString(input.env),
    boundaryFields: null,
    start,
    end: () => Number.POSITIVE_INFINITY,
    stepFrom: null,
    lookback: null,
    granularity: null,
    clamp: (value) => value,
    state: input.state,
    warn: input.warn,
  });
  const option = createRequestOption(model.start_value_option, input.env, parameters);
  return {
    cursor,
    requestOptions: new DatetimeRequestOptions(option, null, 'start', 'end'),
    clientSideIncremental: false,
    dataFeed: false,
  };
}
