// What paginators read as `response`: the first item the decoder gives (the CDK's
// PaginationDecoderDecorator). A streamed body has been consumed by the records' decoder, so the
// CDK gives {} for it (and logs a warning).
import type { BodySource, DecodedValue, Decoder } from './decoder.js';

/**
 * The value paginators read a page's next token from; for streamed formats, the first value, as the
 * Python CDK reads it.
 */
export function decodeForPagination(decoder: Decoder, source: BodySource): DecodedValue {
  if (decoder.streaming) return {};
  for (const item of decoder.decode(source)) return item;
  return {};
}
