/**
 * What a test read gives a template's context: its first slice, the first page with a response,
 * and that page's records (`stream_state` is not given: the runtime refuses it in templates).
 */
import type { Json, JsonObject, PageView, ReadRunView } from '../api/types.js';

export function readContext(run: ReadRunView, fullBody: (id: string) => string | undefined): Record<string, unknown> {
  const context: Record<string, unknown> = {};
  const slice = run.slices[0];
  if (slice !== undefined) Object.assign(context, sliceContext(slice.slice));
  const page = slice?.pages.find((candidate) => candidate.requests.some((request) => request.response !== undefined));
  if (page !== undefined) Object.assign(context, pageContext(run, page, fullBody));
  return context;
}

/** `stream_slice` (the engine derives `stream_partition` and `stream_interval` from it, as the Python CDK does). */
function sliceContext(slice: Json | null): Record<string, unknown> {
  const value = (slice ?? {}) as JsonObject;
  const split = typeof value.partition === 'object' && typeof value.cursor_slice === 'object';
  const partition = split ? value.partition : value;
  const cursor = split ? value.cursor_slice : {};
  const extra = split && typeof value.extra_fields === 'object' ? value.extra_fields : null;
  return { stream_slice: { __type__: 'StreamSlice', partition, cursor_slice: cursor, extra_fields: extra } };
}

function pageContext(run: ReadRunView, page: PageView, fullBody: (id: string) => string | undefined): Record<string, unknown> {
  const exchange = [...page.requests].reverse().find((request) => request.response !== undefined)!;
  const response = exchange.response!;
  const text =
    response.body.truncated && response.body.id !== undefined ? (fullBody(response.body.id) ?? response.body.text) : response.body.text;
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
