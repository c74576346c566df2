// The CDK's ZipfileDecoder: every file of a zip archive, in the archive's order, through the inner
// parser. A body that is not a zip archive, or a file the parser cannot read, fails the read.
import { ConnectorError } from '@tributary/cdk';
import { unzipSync } from 'fflate';
import { type BodySource, type DecodedValue, type Decoder, decodeCollected, type HeaderLookup, type Parser } from './decoder.js';

export class ZipfileDecoder implements Decoder {
  readonly streaming = false;

  constructor(readonly parser: Parser) {}

  decode(source: BodySource): DecodedValue[] {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(source.body);
    } catch (error) {
      throw new ConnectorError('Received an invalid zip file in response.', {
        internalMessage: `Received an invalid zip file in response (${source.body.length} bytes).`,
        cause: error,
      });
    }
    const items: DecodedValue[] = [];
    for (const [name, content] of Object.entries(files)) {
      try {
        items.push(...this.parser.parseAll(content));
      } catch (error) {
        throw new ConnectorError(`Failed to parse file: ${name} from zip file.`, { cause: error });
      }
    }
    return items;
  }

  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    return decodeCollected(this, chunks, headers);
  }
}
