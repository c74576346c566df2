// The CDK's GzipParser: a body that starts with gzip's magic bytes is decompressed (every member of
// a multi-member file) before the inner parser reads it; any other body goes to the inner parser as it is.
import { once } from 'node:events';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { DecodedValue, Parser } from './decoder.js';

const MAGIC = [0x1f, 0x8b];

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === MAGIC[0] && bytes[1] === MAGIC[1];
}

export class GzipParser implements Parser {
  constructor(readonly inner: Parser) {}

  parseAll(body: Uint8Array): DecodedValue[] {
    if (body.length === 0) return [];
    return this.inner.parseAll(isGzip(body) ? gunzipSync(body) : body);
  }

  async *parseChunks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<DecodedValue[]> {
    const iterator = chunks[Symbol.asyncIterator]();
    const head = await firstBytes(iterator, 2);
    if (head.length === 0) return;
    const rest = replay(head, iterator);
    yield* this.inner.parseChunks(isGzip(head) ? gunzipStream(rest) : rest);
  }
}

/** Reads until at least `count` bytes are in hand (or the body ends). */
async function firstBytes(iterator: AsyncIterator<Uint8Array>, count: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  while (length < count) {
    const next = await iterator.next();
    if (next.done) break;
    parts.push(next.value);
    length += next.value.length;
  }
  return Buffer.concat(parts);
}

async function* replay(head: Uint8Array, iterator: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  yield head;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

async function* gunzipStream(chunks: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const gunzip = createGunzip();
  const feeding = (async () => {
    try {
      for await (const chunk of chunks) if (!gunzip.write(chunk)) await once(gunzip, 'drain');
      gunzip.end();
    } catch (error) {
      gunzip.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  for await (const chunk of gunzip) yield chunk as Uint8Array;
  await feeding;
}
