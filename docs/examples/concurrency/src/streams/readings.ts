import { type ReadOptions, Stream, type StreamSlice, type StreamState } from '@tributary/cdk';
import type { SensorsConfig } from '../config.js';
import type { Reading, SensorsApi } from '../sensors-api.js';

const HOUR_MS = 3_600_000;

// #region stream
/**
 * Readings, one slice per hour. With `sliceState` the slices may be read at the same time: the
 * CDK writes `sliceState` of the last hour of every completed run of hours, never of an hour
 * that finished while an earlier one was still being read.
 */
export class Readings extends Stream<Reading> {
  primaryKey = ['sensor', 'at'];
  cursorField = 'at';

  constructor(
    private readonly api: SensorsApi,
    private readonly config: SensorsConfig,
  ) {
    super();
  }

  *streamSlices(): Generator<StreamSlice> {
    const day = Date.parse(this.config.day);
    for (let hour = 0; hour < 24; hour++) {
      yield { start: new Date(day + hour * HOUR_MS).toISOString(), end: new Date(day + (hour + 1) * HOUR_MS).toISOString() };
    }
  }

  sliceState(slice: StreamSlice): StreamState {
    return { at: slice.end };
  }

  async *readRecords(options: ReadOptions): AsyncGenerator<Reading> {
    yield* await this.api.readings(String(options.slice?.start));
  }
}
// #endregion stream
