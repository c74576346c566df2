// Builds a decoder from its manifest component, as the CDK's factory does: JSON lines and CSV are
// streaming CompositeRawDecoders; gzip is chosen by Content-Encoding/Content-Type and otherwise
// falls back to the inner parser; a custom decoder cannot run here.
import { ConnectorError } from '@tributary/cdk';
import type { CsvDecoder, GzipDecoder } from '../components/component-types.js';
import { CompositeRawDecoder } from './composite-raw-decoder.js';
import { CsvParser } from './csv-parser.js';
import type { Decoder, Parser } from './decoder.js';
import { GzipParser } from './gzip-parser.js';
import { IterableDecoder } from './iterable-decoder.js';
import { JsonDecoder } from './json-decoder.js';
import { JsonItemsDecoder } from './json-items-decoder.js';
import { JsonLineParser, type WarningSink } from './json-line-parser.js';
import { JsonParser } from './json-parser.js';
import { XmlDecoder } from './xml-decoder.js';
import { ZipfileDecoder } from './zipfile-decoder.js';

type DecoderModel = { type: string; [field: string]: unknown } | undefined;

const COMPRESSED_TYPES = [
  'gzip',
  'x-gzip',
  'gzip, deflate',
  'x-gzip, deflate',
  'application/zip',
  'application/gzip',
  'application/x-gzip',
  'application/x-zip-compressed',
];

/**
 * The decoder a manifest's `decoder` component describes (JSON by default, as in the Python CDK);
 * `warn` hears what it could not decode.
 */
export function createDecoder(model: DecoderModel, warn: WarningSink = () => {}): Decoder {
  switch (model?.type ?? 'JsonDecoder') {
    case 'JsonDecoder':
      return new JsonDecoder();
    case 'JsonlDecoder':
    case 'CsvDecoder':
      return new CompositeRawDecoder(createParser(model, warn), true);
    case 'GzipDecoder': {
      const gzip = createParser(model, warn) as GzipParser;
      return new CompositeRawDecoder(gzip.inner, true, [
        { headers: ['Content-Encoding', 'Content-Type'], values: COMPRESSED_TYPES, parser: gzip },
      ]);
    }
    case 'IterableDecoder':
      return new IterableDecoder();
    case 'XmlDecoder':
      return new XmlDecoder(warn);
    case 'ZipfileDecoder':
      return new ZipfileDecoder(createParser(model?.decoder as DecoderModel, warn));
    case 'JsonItemsDecoder':
      return new JsonItemsDecoder(String(model?.items_path ?? ''));
    default:
      throw ConnectorError.config(`Decoder ${model?.type} cannot run in Tributary (custom Python components are not supported)`);
  }
}

/** The CDK's `_get_parser`: the parser of a decoder that has one. */
export function createParser(model: DecoderModel, warn: WarningSink = () => {}): Parser {
  switch (model?.type) {
    case 'JsonDecoder':
      return new JsonParser();
    case 'JsonlDecoder':
      return new JsonLineParser('utf-8', warn);
    case 'CsvDecoder': {
      const csv = model as CsvDecoder;
      return new CsvParser({ encoding: csv.encoding, delimiter: csv.delimiter, setValuesToNone: csv.set_values_to_none });
    }
    case 'GzipDecoder':
      return new GzipParser(createParser((model as GzipDecoder).decoder as DecoderModel, warn));
    default:
      throw ConnectorError.config(`Decoder type ${model?.type} does not have parser associated to it`);
  }
}

/** Decoders a paginator can read `response` from (the CDK's `_is_supported_decoder_for_pagination`). */
export function supportsPagination(decoder: Decoder): boolean {
  if (decoder instanceof JsonDecoder || decoder instanceof XmlDecoder) return true;
  if (!(decoder instanceof CompositeRawDecoder)) return false;
  const parser = decoder.parser;
  if (parser instanceof JsonParser) return true;
  return parser instanceof GzipParser && parser.inner instanceof JsonParser;
}
