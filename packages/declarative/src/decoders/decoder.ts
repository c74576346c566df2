// Decoders turn a response body into the items the extractor reads, as the Python CDK's decoders
// do. A body comes whole (`decode`) or as chunks while it arrives (`decodeChunks`); streaming
// decoders (JSON lines, CSV, gzip over either) yield items before the body has ended, in batches
// so the per-item cost stays that of a loop, not of a promise.

/** A decoded item: what `json.loads` (or xmltodict, csv.DictReader) gives for one record or body. */
export type DecodedValue = unknown;

/** Response headers looked up case-insensitively (`Content-Encoding`, `content-type`). */
export interface HeaderLookup {
  /** A header's value by case-insensitive name, as HTTP headers are compared. */
  get(name: string): string | undefined;
}

/**
 * A response body, whole or as chunks, so decoders of large bodies need not hold them in memory.
 */
export interface BodySource {
  readonly body: Uint8Array;
  readonly headers: HeaderLookup;
}

/**
 * Turns response bodies into the values record selection reads, in the format the manifest
 * declares.
 */
export interface Decoder {
  /** The CDK's `is_stream_response()`: true when the body is read as a stream, not buffered. */
  readonly streaming: boolean;
  /** Decodes a whole body into items. */
  decode(source: BodySource): Iterable<DecodedValue>;
  /** Decodes a body arriving in chunks; yields items in batches as they become available. */
  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]>;
}

/** A parser of raw bytes (the CDK's `Parser` of `CompositeRawDecoder`). */
export interface Parser {
  /** Every value of a body held in memory. */
  parseAll(body: Uint8Array): DecodedValue[];
  /** The values of a body as it streams in, a batch per chunk, for bodies too large to hold. */
  parseChunks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<DecodedValue[]>;
}

/** Headers from a plain record or [name, value] pairs, looked up without regard to case. */
export function headerLookup(headers: Record<string, string | string[] | undefined> | Iterable<readonly [string, string]>): HeaderLookup {
  const map = new Map<string, string>();
  const entries: Iterable<readonly [string, string | string[] | undefined]> =
    Symbol.iterator in headers ? headers : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : value;
    map.set(key, map.has(key) ? `${map.get(key)}, ${text}` : text);
  }
  return { get: (name) => map.get(name.toLowerCase()) };
}

export const NO_HEADERS: HeaderLookup = { get: () => undefined };

/** Concatenates chunks into one body (for decoders that need it whole). */
export async function collectBody(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of chunks) {
    parts.push(chunk);
    length += chunk.length;
  }
  if (parts.length === 1) return parts[0];
  const body = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    body.set(part, offset);
    offset += part.length;
  }
  return body;
}

/** A decoder that needs the whole body: chunks are collected, then decoded in one batch. */
export async function* decodeCollected(
  decoder: Decoder,
  chunks: AsyncIterable<Uint8Array>,
  headers: HeaderLookup,
): AsyncIterable<DecodedValue[]> {
  const items = [...decoder.decode({ body: await collectBody(chunks), headers })];
  if (items.length > 0) yield items;
}
