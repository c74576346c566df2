// The CDK's IterableDecoder: each line of the body (requests' iter_lines: split at \n, \r\n or \r)
// becomes {"record": line}.
import type { BodySource, DecodedValue, Decoder, HeaderLookup } from './decoder.js';

export class IterableDecoder implements Decoder {
  readonly streaming = true;

  decode(source: BodySource): DecodedValue[] {
    return linesOf(Buffer.from(source.body.buffer, source.body.byteOffset, source.body.byteLength).toString('utf8'));
  }

  async *decodeChunks(chunks: AsyncIterable<Uint8Array>, _headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    const text = new TextDecoder('utf-8');
    let pending = '';
    for await (const chunk of chunks) {
      pending += text.decode(chunk, { stream: true });
      const cut = Math.max(pending.lastIndexOf('\n'), pending.lastIndexOf('\r'));
      if (cut === -1 || (pending[cut] === '\r' && cut === pending.length - 1)) continue;
      const items = linesOf(pending.slice(0, cut + 1));
      pending = pending.slice(cut + 1);
      if (items.length > 0) yield items;
    }
    pending += text.decode();
    if (pending !== '') yield linesOf(pending);
  }
}

function linesOf(text: string): DecodedValue[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => ({ record: line }));
}
