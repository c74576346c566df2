// The CDK's SimpleRetriever: the records of one slice, page after page. Each page's request gets
// the paginator's options and the partition router's and cursor's (not on later pages with
// `ignore_stream_slicer_parameters_on_paginated_requests`); the response is decoded and its
// records selected; then the paginator, given the page, says whether there is a next one. An
// answer the error handler ignored (status >= 400) has no records and ends the pages.
import type { HttpResponse } from '@tributary/cdk';
import type { DecodedValue, Decoder } from '../decoders/decoder.js';
import { headerLookup } from '../decoders/decoder.js';
import { decodeForPagination } from '../decoders/pagination-decoder.js';
import type { RecordSelector } from '../extractors/record-selector.js';
import type { RequestOptionsProvider } from '../incremental/datetime-request-options.js';
import type { PageOutcome } from '../pagination/page-outcome.js';
import { type NextPageToken, type Paginator, tokenOf } from '../pagination/paginator.js';
import type { RecordRange } from '../pagination/stop-condition.js';
import { PaginationResetRequired } from '../requesters/error-policy.js';
import type { HttpRequester, PageRequest, SendContext } from '../requesters/http-requester.js';
import { combineMappings } from '../requests/combine-mappings.js';
import type { InjectInto, RequestValues } from '../requests/request-option.js';
import type { StreamSlice } from '../slices/stream-slice.js';
import type { MutableRecord } from '../transformations/transformation.js';
import type { PaginationReset } from './pagination-reset.js';
import type { Retriever } from './retriever.js';

export interface RetrieverParts {
  readonly requester: HttpRequester;
  readonly decoder: Decoder;
  readonly selector: RecordSelector;
  readonly paginator: Paginator;
  /** What the partition router and the cursor put into requests. */
  readonly slicerOptions: RequestOptionsProvider;
  readonly ignoreSlicerOnPaginatedRequests: boolean;
  /** True when records are changed after extraction (transformations, normalisation): the paginator then decodes its own copy. */
  readonly recordsChanged: boolean;
  readonly reset: PaginationReset;
  /**
   * A data feed's cursor (`is_data_feed`): records it no longer needs are dropped after the
   * paginator has seen the page as the API returned it (the record that stops the pages is
   * usually one of them).
   */
  readonly postPaginationFilter?: RecordRange;
}

/** One page as read: its records and the response they came from. */
export interface Page {
  readonly records: MutableRecord[];
  readonly response: HttpResponse;
}

export class SimpleRetriever implements Retriever {
  constructor(private readonly parts: RetrieverParts) {}

  /** Every slice is read as the cursor gives it. */
  readySlices(slices: AsyncIterable<StreamSlice>): AsyncIterable<StreamSlice> {
    return slices;
  }

  /** The pages of `slice`, in order; a pagination reset starts them again as the retriever's reset rules say. */
  async *pages(slice: StreamSlice, context: SendContext = {}): AsyncGenerator<Page> {
    let current = slice;
    for (const attempt = this.parts.reset.start(); ; ) {
      try {
        for await (const page of this.pagesFrom(current, context)) {
          attempt.observe(page.records);
          yield page;
          if (attempt.limitReached()) throw attempt.limitError();
        }
        return;
      } catch (error) {
        if (!(error instanceof PaginationResetRequired) && !attempt.isLimit(error)) throw error;
        current = attempt.restart(current, error);
      }
    }
  }

  private async *pagesFrom(slice: StreamSlice, context: SendContext): AsyncGenerator<Page> {
    const { paginator } = this.parts;
    const initial = paginator.initialToken();
    let token: NextPageToken | null = initial === null ? null : { next_page_token: initial };
    for (;;) {
      const response = await this.parts.requester.send(this.pageRequest(slice, token), context);
      const items = response.status < 400 ? [...this.parts.decoder.decode(sourceOf(response))] : [];
      const selected = this.parts.selector.select(items, { slice, nextPageToken: token });
      yield { records: this.emitted(selected.records, slice), response };
      if (response.status >= 400) return;
      token = paginator.nextPageToken(this.outcome(response, items, selected, slice), tokenOf(token));
      if (token === null) return;
    }
  }

  private emitted(records: MutableRecord[], slice: StreamSlice): MutableRecord[] {
    const filter = this.parts.postPaginationFilter;
    if (filter === undefined) return records;
    return records.filter((record) => filter.shouldBeSynced(record, slice));
  }

  private pageRequest(slice: StreamSlice, token: NextPageToken | null): PageRequest {
    const { paginator, slicerOptions, ignoreSlicerOnPaginatedRequests, requester } = this.parts;
    const skipSlicer = token !== null && ignoreSlicerOnPaginatedRequests;
    const extra = (kind: InjectInto): RequestValues | string =>
      combineMappings(
        [paginator.requestOptions(kind, token), skipSlicer ? {} : slicerOptions.requestOptions(kind, slice)],
        kind === 'body_json',
      );
    const tokenPath = paginator.path(token);
    const path = tokenPath === null ? null : tokenPath.replace(requester.baseUrl({ slice, nextPageToken: token }), '');
    return { slice, nextPageToken: token, path, extra };
  }

  private outcome(
    response: HttpResponse,
    items: DecodedValue[],
    selected: { records: MutableRecord[]; extractedCount: number },
    slice: StreamSlice,
  ): PageOutcome {
    const { decoder, recordsChanged } = this.parts;
    const decoded = decoder.streaming ? {} : recordsChanged ? decodeForPagination(decoder, sourceOf(response)) : (items[0] ?? {});
    const records = selected.records;
    return {
      response: { status: response.status, headers: response.rawHeaders, decoded },
      lastPageSize: records.length,
      lastRecord: records.length > 0 ? records[records.length - 1] : null,
      extractedCount: selected.extractedCount,
      slice,
    };
  }
}

function sourceOf(response: HttpResponse) {
  return { body: response.bytes(), headers: headerLookup(response.rawHeaders) };
}
