// JsonItemsDecoder: the elements of the array at a dot-separated path (ijson's prefix syntax,
// where an `item` segment stands for each element of an array) are the decoded items.
import { type BodySource, type DecodedValue, type Decoder, decodeCollected, type HeaderLookup } from './decoder.js';
import { parseJsonDocument } from './json-parser.js';

export class JsonItemsDecoder implements Decoder {
  readonly streaming = false;
  private readonly prefix: readonly string[];

  constructor(itemsPath: string) {
    this.prefix = [...itemsPath.split('.').filter((part) => part !== ''), 'item'];
  }

  decode(source: BodySource): DecodedValue[] {
    const document = parseJsonDocument(source.body);
    const out: DecodedValue[] = [];
    collect(document, this.prefix, 0, out);
    return out;
  }

  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    return decodeCollected(this, chunks, headers);
  }
}

function collect(node: unknown, prefix: readonly string[], depth: number, out: DecodedValue[]): void {
  if (depth === prefix.length) {
    out.push(node);
    return;
  }
  const segment = prefix[depth];
  if (Array.isArray(node)) {
    if (segment === 'item') for (const element of node) collect(element, prefix, depth + 1, out);
    return;
  }
  if (node !== null && typeof node === 'object' && Object.hasOwn(node, segment)) {
    collect((node as Record<string, unknown>)[segment], prefix, depth + 1, out);
  }
}
