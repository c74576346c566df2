// The CDK's CompositeRawDecoder: raw body bytes to a parser, chosen by a response header when the
// decoder was built by header (`by_headers`, an exact match of the header's value), else the default one.
import type { BodySource, DecodedValue, Decoder, HeaderLookup, Parser } from './decoder.js';

export interface ParserByHeader {
  readonly headers: readonly string[];
  readonly values: readonly string[];
  readonly parser: Parser;
}

export class CompositeRawDecoder implements Decoder {
  constructor(
    readonly parser: Parser,
    readonly streaming = true,
    private readonly byHeader: readonly ParserByHeader[] = [],
  ) {}

  decode(source: BodySource): Iterable<DecodedValue> {
    return this.select(source.headers).parseAll(source.body);
  }

  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    return this.select(headers).parseChunks(chunks);
  }

  /** The parser for these headers: the first configured header present with a listed value. */
  select(headers: HeaderLookup): Parser {
    for (const { headers: names, values, parser } of this.byHeader) {
      for (const name of names) {
        const value = headers.get(name);
        if (value !== undefined && values.includes(value)) return parser;
      }
    }
    return this.parser;
  }
}
