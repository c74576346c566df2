// The CDK's JsonDecoder: the body as JSON through JsonParser; a body that is not JSON, or an empty
// top-level array, gives an empty object (the CDK yields {} on a parse error and {} again when
// nothing was yielded, so an unreadable body gives two; nothing is extracted from them).
import { type BodySource, type DecodedValue, type Decoder, decodeCollected, type HeaderLookup } from './decoder.js';
import { JsonParser } from './json-parser.js';

export class JsonDecoder implements Decoder {
  readonly streaming = false;
  private readonly parser = new JsonParser();

  decode(source: BodySource): DecodedValue[] {
    let items: DecodedValue[];
    try {
      items = this.parser.parseAll(source.body);
    } catch {
      return [{}, {}];
    }
    return items.length === 0 ? [{}] : items;
  }

  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    return decodeCollected(this, chunks, headers);
  }
}
