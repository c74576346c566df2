import { MaxCursor, Stream, type StreamState } from '@tributary/cdk';
import type { ResolvedFakerConfig } from '../config.js';
import { SeededValues } from '../random.js';

/**
 * A faker stream incremental on one field: its values come from the seed (per stream name), and
 * its state is the greatest cursor value read (a `MaxCursor` behind the `state` accessor).
 */
export abstract class IncrementalFakerStream<R> extends Stream<R> {
  readonly cursorField: string;
  protected readonly cursor: MaxCursor;
  protected readonly values: SeededValues;

  constructor(
    protected readonly config: ResolvedFakerConfig,
    streamName: string,
    cursorField: string,
  ) {
    super();
    this.cursorField = cursorField;
    this.cursor = new MaxCursor(cursorField);
    this.values = new SeededValues(config.seed, streamName);
  }

  get state(): StreamState {
    return this.cursor.state;
  }

  set state(value: StreamState) {
    this.cursor.state = value;
  }
}
