/** What a test read gives a template's context: its first slice, first page with a response, and their records. */
import type { Json, JsonObject, PageView, ReadRunView } from '../api/types.js';

export function readContext(run: ReadRunView, fullBody: (id: string) => string | undefined): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  const slice = run.slices[0];
  if (slice !== undefined) Object.assign(context, sliceContext(slice.slice));
  const page = slice?.pages.find((candidate) => candidate.requests.some((request) => request.response !== undefined));
  if (page !== undefined) Object.assign(context, pageContext(run, page, fullBody));
  const state = run.inputState?.at(-1) as { stream?: { stream_state?: Json } } | undefined;
  if (state?.stream?.stream_state !== undefined) context.stream_state = state.stream.stream_state;
  return context;
}

function sliceContext(slice: Json | null): Record<string, unknown> {
  const value = (slice ?? {}) as JsonObject;
  const split = typeof value.partition === 'object' || typeof value.cursor_slice === 'object';
  const partition = (split ? value.partition : value) ?? {};
  const cursor = (split ? value.cursor_slice : value) ?? {};
  return {
    stream_slice: { __type__: 'StreamSlice', partition, cursor_slice: split ? cursor : {} },
    stream_partition: partition,
    stream_interval: cursor,
  };
}

function pageContext(run: ReadRunView, page: PageView, fullBody: (id: string) => string | undefined): Record<string, unknown> {
  const exchange = [...page.requests].reverse().find((request) => request.response !== undefined)!;
  const response = exchange.response!;
  const text = response.body.truncated && response.body.id !== undefined ? (fullBody(response.body.id) ?? response.body.text) : response.body.text;
  const context: Record<string, unknown> = { headers: { __type__: 'CaseInsensitiveDict', items: response.headers } };
  try {
    context.response = JSON.parse(text);
  } catch {
    context.response = text;
  }
  const records = run.records.slice(page.from, page.to);
  if (records.length > 0) {
    context.record = records[0];
    context.last_record = records.at(-1);
  }
  context.last_page_size = records.length;
  return context;
}
