// The CDK's ResponseToFileExtractor (an AsyncRetriever's `download_extractor` for big CSV exports)
// as a decoder: the body is inflated when it is gzip or zlib data (the CDK tries zlib's automatic
// header detection), NUL bytes are dropped, and the CSV is read as pandas `read_csv(dialect="unix",
// dtype=object)` reads it: every value stays text, blank lines are skipped, pandas' default
// missing-value markers ('', 'NA', 'null', 'NaN', ...) and absent trailing fields become None, and a
// repeated column name gets pandas' `.1`, `.2` suffixes. An empty body has no records.
import { gunzipSync, inflateSync } from 'node:zlib';
import { CsvReader } from './csv-reader.js';
import { type BodySource, type DecodedValue, type Decoder, decodeCollected, type HeaderLookup } from './decoder.js';

/** pandas' default `na_values`. */
const MISSING_MARKERS: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

export class ResponseToFileDecoder implements Decoder {
  readonly streaming = false;

  decode(source: BodySource): Iterable<DecodedValue> {
    const text = new TextDecoder(charsetOf(source.headers)).decode(withoutNulBytes(inflated(source.body)));
    const reader = new CsvReader(',', '"');
    const rows = [...reader.push(text), ...reader.end()].filter((row) => row.length > 0 && !(row.length === 1 && row[0] === ''));
    if (rows.length === 0) return [];
    const columns = uniqueColumns(rows[0]);
    return rows.slice(1).map((row) => {
      const record: Record<string, string | null> = {};
      columns.forEach((column, i) => {
        const value = row[i];
        record[column] = value === undefined || MISSING_MARKERS.has(value) ? null : value;
      });
      return record;
    });
  }

  decodeChunks(chunks: AsyncIterable<Uint8Array>, headers: HeaderLookup): AsyncIterable<DecodedValue[]> {
    return decodeCollected(this, chunks, headers);
  }
}

function inflated(body: Uint8Array): Uint8Array {
  try {
    if (body[0] === 0x1f && body[1] === 0x8b) return gunzipSync(body);
    if (body[0] === 0x78 && ((body[0] << 8) | body[1]) % 31 === 0) return inflateSync(body);
  } catch {
    // Not compressed after all: the CDK then writes the bytes as they came.
  }
  return body;
}

function withoutNulBytes(body: Uint8Array): Uint8Array {
  return body.includes(0) ? body.filter((byte) => byte !== 0) : body;
}

function charsetOf(headers: HeaderLookup): string {
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(headers.get('content-type') ?? '');
  const charset = match?.[1] ?? 'utf-8';
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    return 'utf-8';
  }
}

/** Column names as pandas makes them unique: the second `a` is `a.1`, the third `a.2`. */
function uniqueColumns(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((name) => {
    const count = seen.get(name) ?? 0;
    seen.set(name, count + 1);
    return count === 0 ? name : `${name}.${count}`;
  });
}
