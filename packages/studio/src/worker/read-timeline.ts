/**
 * Builds a test read's view from what the read reports, in the order it happens (one slice at a
 * time: the run reads with `_concurrency: 1`): the observer's slice and page events, the HTTP
 * recorder's exchanges and the messages. Requests sent outside any slice (computing the slices:
 * a parent stream, a token) go to `otherRequests`; those of a slice wait for its next page, so a
 * page lists its retries and token refreshes before its own request; requests after a slice's
 * last page (a request that failed) make a page of their own.
 */
import type { AirbyteMessage } from '@tributary/cdk';
import type { SliceEndEvent, SliceEvent } from '@tributary/cdk/runtime';
import type { ExchangeView, Json, JsonObject, PageView, ReadRunView, SliceView } from '../api/types.js';
import { errorView, logView } from './message-views.js';

/** The parts of a read's view the timeline builds as messages arrive, every STATE blob of the stream in order, and the requests sent. */
export type TimelineView = Pick<ReadRunView, 'slices' | 'otherRequests' | 'records' | 'logs' | 'errors' | 'statuses'> & {
  states: Json[];
  requestCount: number;
};

export class ReadTimeline {
  readonly view: TimelineView = {
    slices: [],
    otherRequests: [],
    records: [],
    logs: [],
    errors: [],
    statuses: [],
    states: [],
    requestCount: 0,
  };
  private slice: SliceView | undefined;
  private pending: ExchangeView[] = [];

  sliceStarted(event: SliceEvent): void {
    // As JSON (a slice class may say how, with toJSON: a declarative StreamSlice does).
    const slice = event.slice === undefined ? null : (JSON.parse(JSON.stringify(event.slice)) as Json);
    this.slice = { index: event.index, slice, outcome: 'running', pages: [], states: [] };
    this.view.slices.push(this.slice);
  }

  pageReceived(event: { number: number }): void {
    if (this.slice === undefined) return;
    const at = this.view.records.length;
    this.slice.pages.push({ number: event.number, requests: this.pending, from: at, to: at });
    this.pending = [];
  }

  sliceFinished(event: SliceEndEvent): void {
    if (this.slice === undefined) return;
    if (this.pending.length > 0) this.pageWithoutResponse();
    this.slice.outcome = event.outcome;
    this.slice = undefined;
  }

  exchange(exchange: ExchangeView): void {
    this.view.requestCount++;
    if (this.slice === undefined) this.view.otherRequests.push(exchange);
    else this.pending.push(exchange);
  }

  message(message: AirbyteMessage): void {
    switch (message.type) {
      case 'RECORD':
        this.record(message.record.data as JsonObject);
        break;
      case 'STATE': {
        const blob = (message.state.stream?.stream_state ?? message.state.global ?? message.state.data ?? {}) as Json;
        this.view.states.push(blob);
        this.slice?.states.push(blob);
        break;
      }
      case 'LOG':
        this.view.logs.push(logView(message, this.where()));
        break;
      case 'TRACE':
        if (message.trace.type === 'ERROR' && message.trace.error) this.view.errors.push(errorView(message.trace.error));
        else if (message.trace.type === 'STREAM_STATUS' && message.trace.stream_status)
          this.view.statuses.push(message.trace.stream_status.status);
        break;
    }
  }

  /** Requests still waiting for their page when the read ended (it failed before a page came). */
  finish(): void {
    if (this.pending.length === 0) return;
    if (this.slice !== undefined) this.pageWithoutResponse();
    else this.view.otherRequests.push(...this.pending);
    this.pending = [];
  }

  private record(data: JsonObject): void {
    this.view.records.push(data);
    if (this.slice === undefined) return;
    let page = this.slice.pages.at(-1);
    if (page === undefined) {
      // A stream that does not page (no HTTP): its records make one page, number 0.
      page = { number: 0, requests: this.pending, from: this.view.records.length - 1, to: this.view.records.length - 1 };
      this.pending = [];
      this.slice.pages.push(page);
    }
    page.to = this.view.records.length;
  }

  private pageWithoutResponse(): void {
    const slice = this.slice as SliceView;
    const at = this.view.records.length;
    const last = slice.pages.at(-1)?.number ?? 0;
    const page: PageView = { number: last + 1, requests: this.pending, from: at, to: at };
    slice.pages.push(page);
    this.pending = [];
  }

  private where(): { slice?: number; page?: number } {
    if (this.slice === undefined) return {};
    const page = this.slice.pages.at(-1);
    return page === undefined ? { slice: this.slice.index } : { slice: this.slice.index, page: page.number };
  }
}
