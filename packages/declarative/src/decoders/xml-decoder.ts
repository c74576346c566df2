// The CDK's XmlDecoder: the body (text in the charset the response declares, else UTF-8) as
// xmltodict gives it; a body that is not XML gives an empty object, with a warning.

import { type BodySource, type DecodedValue, type Decoder, decodeCollected, type HeaderLookup } from './decoder.js';
import type { WarningSink } from './json-line-parser.js';
import { textDecoderFor } from './text-encoding.js';
import { xmlToDict } from './xml-to-dict.js';

export class XmlDecoder implements Decoder {
  readonly streaming = false;

  constructor(private readonly warn: WarningSink = () => {}) {}

  decode(source: BodySource): DecodedValue[] {
    try {
      const text = textDecoderFor(charsetOf(source.headers) ?? 'utf-8').decode(source.body);
      const parsed = xmlToDict(text);
      return [parsed ?? {}];
    } catch (error) {
      this.warn(`Response cannot be parsed from XML: ${error instanceof Error ? error.message : String(error)}`);
      return [{}];
    }
  }

  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    return decodeCollected(this, chunks, headers);
  }
}

/** The charset parameter of the Content-Type header, as requests reads it for `response.text`. */
export function charsetOf(headers: HeaderLookup): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(headers.get('content-type') ?? '');
  return match?.[1];
}
