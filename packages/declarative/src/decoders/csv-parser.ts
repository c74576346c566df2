// The CDK's CsvParser: csv.DictReader over the text. The first row names the fields, empty rows are
// skipped, a short row fills the missing fields with None, a long row keeps the extra values (as they are) in a
// list under the key None (written `null`), and `set_values_to_none` turns those values into None.
import { ConnectorError } from '@tributary/cdk';
import { CsvReader } from './csv-reader.js';
import type { DecodedValue, Parser } from './decoder.js';
import { type TextDecoding, textDecoderFor } from './text-encoding.js';

export interface CsvParserOptions {
  encoding?: string;
  delimiter?: string;
  setValuesToNone?: readonly string[];
}

const REST_KEY = 'null';

/** The delimiter as the CDK reads it: a leading backslash is a Python escape (`\\t` is a tab). */
export function csvDelimiter(delimiter: string | undefined): string {
  let value = delimiter ?? ',';
  if (value.startsWith('\\')) value = JSON.parse(`"${value.replaceAll('"', '\\"')}"`) as string;
  if ([...value].length !== 1)
    throw ConnectorError.config(`CsvDecoder: "delimiter" must be a 1-character string, got ${JSON.stringify(value)}`);
  return value;
}

export class CsvParser implements Parser {
  private readonly delimiter: string;
  private readonly noneValues: ReadonlySet<string> | null;

  constructor(private readonly options: CsvParserOptions = {}) {
    this.delimiter = csvDelimiter(options.delimiter);
    this.noneValues = options.setValuesToNone?.length ? new Set(options.setValuesToNone) : null;
  }

  parseAll(body: Uint8Array): DecodedValue[] {
    const session = this.session();
    return [...session.push(body, false), ...session.push(new Uint8Array(0), true)];
  }

  async *parseChunks(chunks: AsyncIterable<Uint8Array>): AsyncIterable<DecodedValue[]> {
    const session = this.session();
    for await (const chunk of chunks) {
      const rows = session.push(chunk, false);
      if (rows.length > 0) yield rows;
    }
    const rows = session.push(new Uint8Array(0), true);
    if (rows.length > 0) yield rows;
  }

  private session(): CsvSession {
    return new CsvSession(textDecoderFor(this.options.encoding), new CsvReader(this.delimiter), this.noneValues);
  }
}

/** One body being read: bytes → text (universal newlines) → rows → records. */
class CsvSession {
  private fieldNames: string[] | null = null;
  private pendingCr = false;

  constructor(
    private readonly text: TextDecoding,
    private readonly reader: CsvReader,
    private readonly noneValues: ReadonlySet<string> | null,
  ) {}

  push(bytes: Uint8Array, last: boolean): Record<string, unknown>[] {
    let text = this.text.decode(bytes, { stream: !last });
    if (this.pendingCr && text.startsWith('\n')) text = text.slice(1);
    this.pendingCr = text.endsWith('\r');
    const rows = this.reader.push(text.replace(/\r\n?/g, '\n'));
    if (last) rows.push(...this.reader.end());
    return this.records(rows);
  }

  private records(rows: string[][]): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    for (const row of rows) {
      if (this.fieldNames === null) {
        this.fieldNames = row;
        continue;
      }
      if (row.length === 0) continue;
      out.push(this.record(this.fieldNames, row));
    }
    return out;
  }

  private record(names: readonly string[], row: readonly string[]): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    const count = Math.min(names.length, row.length);
    for (let i = 0; i < count; i++) defineField(record, names[i], this.value(row[i]));
    if (row.length > names.length) defineField(record, REST_KEY, row.slice(names.length));
    for (let i = row.length; i < names.length; i++) defineField(record, names[i], null);
    return record;
  }

  private value(text: string): string | null {
    return this.noneValues?.has(text) ? null : text;
  }
}

function defineField(record: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
}
