// The CDK's DatetimeBasedRequestOptionsProvider: the slice's start and end values (at
// partition_field_start/end, `start_time`/`end_time` by default) put where start_time_option and
// end_time_option say; with per-partition state, the partition router's options too.
import type { PyValue } from '../interpolation/values/object.js';
import type { PartitionRouter } from '../partitions/partition-router.js';
import { combineMappings } from '../requests/combine-mappings.js';
import type { InjectInto, RequestOption, RequestValues } from '../requests/request-option.js';
import { type StreamSlice, sliceIsTruthy, sliceValue } from '../slices/stream-slice.js';

/** Adds a slice's bounds (or a partition) to requests, where the manifest's request options say. */
export interface RequestOptionsProvider {
  /** The parameters, headers or body fields for one kind of injection and one slice. */
  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues;
}

export class DatetimeRequestOptions implements RequestOptionsProvider {
  constructor(
    private readonly startOption: RequestOption | null,
    private readonly endOption: RequestOption | null,
    private readonly startField: string,
    private readonly endField: string,
  ) {}

  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues {
    const options: RequestValues = {};
    if (!sliceIsTruthy(slice)) return options;
    if (this.startOption?.injectInto === kind) this.startOption.inject(options, sliceValue(slice, this.startField) as PyValue);
    if (this.endOption?.injectInto === kind) this.endOption.inject(options, sliceValue(slice, this.endField) as PyValue);
    return options;
  }
}

/** The CDK's PerPartitionRequestOptionsProvider: the router's options, then the cursor's. */
export class PerPartitionRequestOptions implements RequestOptionsProvider {
  constructor(
    private readonly router: PartitionRouter,
    private readonly cursorOptions: RequestOptionsProvider,
  ) {}

  requestOptions(kind: InjectInto, slice: StreamSlice | null): RequestValues {
    const merged = combineMappings(
      [this.router.requestOptions(kind, slice), this.cursorOptions.requestOptions(kind, slice)],
      kind === 'body_json',
    );
    return typeof merged === 'string' ? {} : merged;
  }
}
