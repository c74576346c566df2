/**
 * Rows on their way into a staging table, gathered column by column, a chunk of rows at a time,
 * and handed to DuckDB as ONE staging row per chunk whose columns are lists: numbers and
 * booleans go into plain typed arrays that become list vectors with one copy each; a string
 * column becomes one text (its strings joined by a separator, or a JSON array), a JSON column
 * the JSON texts joined by the separator. The merge SQL unnests them back into rows
 * (`stagedRowsSql`).
 *
 * Why: handing DuckDB one string per value costs about half a microsecond of native-call
 * overhead each (measured), the largest cost of a sync; joining a chunk's strings costs about
 * a tenth of that per value, and DuckDB splits them again on the committing connection, off
 * the connector's thread.
 */
import { BOOLEAN, DOUBLE, type DuckDBAppender, DuckDBDataChunk, type DuckDBType, LIST, VARCHAR } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';

/**
 * How a staging column is gathered: `double` and `boolean` in typed arrays (with a validity
 * bitmask), `varchar` as strings and `json` as JSON texts, each staged as one text.
 */
export type ChunkColumn = 'double' | 'boolean' | 'varchar' | 'json';

const TYPES: Record<ChunkColumn, DuckDBType> = {
  double: LIST(DOUBLE),
  boolean: LIST(BOOLEAN),
  varchar: VARCHAR,
  json: VARCHAR,
};

/** Rows per chunk: large enough to make the per-chunk work negligible, small enough to stay in cache. */
export const CHUNK_ROWS = 2048;
/**
 * Characters of text (strings and JSON texts) after which a chunk is handed over before it is
 * full: wide records (say 20 KB each) would otherwise make staging rows of tens of MB, which
 * DuckDB, parsing a few at a time, could not fit in its memory limit.
 */
export const CHUNK_TEXT_CHARS = 1_000_000;

export class StagingChunk {
  readonly capacity = CHUNK_ROWS;
  /** The row being written. */
  row = 0;
  /** Characters of text in the chunk so far (the row appender adds them up). */
  textChars = 0;
  /** Staging rows handed to the appender since `stagedRows` was last reset (by the batch). */
  stagedRows = 0;
  /** Where full chunks go: the appender of the staging slot being filled. */
  appender: DuckDBAppender | undefined;
  /** Per column: the values of a double column (else undefined). */
  readonly doubles: (Float64Array<ArrayBuffer> | undefined)[];
  /** Per column: the values of a boolean column, one byte each (else undefined). */
  readonly booleans: (Uint8Array<ArrayBuffer> | undefined)[];
  /** Per column: the strings of a text column or the JSON texts of a JSON column, null for NULL (else undefined). */
  readonly values: (unknown[] | undefined)[];
  /** Per list column: the validity bitmask (bit set = not null), in DuckDB's little-endian layout. */
  private readonly validity: Uint8Array<ArrayBuffer>[];
  /** Per column: whether this chunk has a null in it. */
  private readonly hasNulls: boolean[];
  /** Per column: whether the previous chunk wrote a validity mask, which the vector may keep. */
  private readonly wroteValidity: boolean[];
  /** The one list entry of a staging row: offset 0, length = rows. */
  private readonly listEntry = new BigUint64Array(2);
  private readonly chunk: DuckDBDataChunk;

  constructor(private readonly columns: readonly ChunkColumn[]) {
    this.chunk = DuckDBDataChunk.create(columns.map((column) => TYPES[column]));
    const n = this.capacity;
    this.doubles = columns.map((column) => (column === 'double' ? new Float64Array(n) : undefined));
    this.booleans = columns.map((column) => (column === 'boolean' ? new Uint8Array(n) : undefined));
    this.values = columns.map((column) => (column === 'varchar' || column === 'json' ? new Array<unknown>(n).fill(null) : undefined));
    this.validity = columns.map(() => new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff));
    this.hasNulls = columns.map(() => false);
    this.wroteValidity = columns.map(() => false);
  }

  /** Marks column `i` of the current row null. */
  setNull(i: number): void {
    const values = this.values[i];
    if (values !== undefined) {
      values[this.row] = null;
      this.hasNulls[i] = true;
      return;
    }
    const row = this.row;
    (this.validity[i] as Uint8Array)[row >>> 3] &= ~(1 << (row & 7));
    this.hasNulls[i] = true;
  }

  /** Ends the current row; a full chunk goes to the appender. */
  endRow(): void {
    if (++this.row === this.capacity || this.textChars >= CHUNK_TEXT_CHARS) this.flush();
  }

  /** Hands the rows written so far to the appender, as one staging row, and starts an empty chunk. */
  flush(): void {
    const rows = this.row;
    if (rows === 0) return;
    const raw = this.chunk.chunk;
    this.listEntry[1] = BigInt(rows);
    this.columns.forEach((column, i) => {
      const vector = duckdb.data_chunk_get_vector(raw, i);
      const values = this.values[i];
      if (values !== undefined) {
        const head = rows === values.length ? values : values.slice(0, rows);
        const text = column === 'json' ? head.join(TEXT_SEPARATOR) : stagedStrings(head, this.hasNulls[i] as boolean);
        duckdb.vector_assign_string_element(vector, 0, text);
        // DuckDB has its own copy now. Left in place, the strings would live until the next
        // chunk overwrites them, long enough for a scavenge to copy or promote them: clearing
        // them cut the young generation's collections of a 1,000,000-record sync from 419 ms to
        // 273 ms (--trace-gc).
        values.fill(null, 0, rows);
        this.hasNulls[i] = false;
        return;
      }
      const data = (column === 'double' ? this.doubles[i] : this.booleans[i]) as Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;
      duckdb.list_vector_reserve(vector, rows);
      duckdb.list_vector_set_size(vector, rows);
      const child = duckdb.list_vector_get_child(vector);
      duckdb.copy_data_to_vector(child, 0, data.buffer, 0, rows * data.BYTES_PER_ELEMENT);
      // A vector's validity may outlive the chunk's reset, so a column that had nulls is
      // rewritten in full once more.
      if (this.hasNulls[i] || this.wroteValidity[i]) {
        duckdb.vector_ensure_validity_writable(child);
        duckdb.copy_data_to_vector_validity(child, 0, (this.validity[i] as Uint8Array<ArrayBuffer>).buffer, 0, Math.ceil(rows / 64) * 8);
        this.wroteValidity[i] = this.hasNulls[i] as boolean;
        (this.validity[i] as Uint8Array).fill(0xff);
        this.hasNulls[i] = false;
      }
      duckdb.copy_data_to_vector(vector, 0, this.listEntry.buffer, 0, 16);
    });
    duckdb.data_chunk_set_size(raw, 1);
    (this.appender as DuckDBAppender).appendDataChunk(this.chunk);
    duckdb.data_chunk_reset(raw);
    this.row = 0;
    this.textChars = 0;
    this.stagedRows++;
  }
}

/**
 * Separates the texts of a staged JSON column: JSON text never holds U+001F unescaped, and a
 * NULL joins as the empty string, which no JSON text is. DuckDB splits this several times
 * faster than it parses a JSON array of the values, and validates each text only once. Also
 * separates the strings of a joined string column.
 */
export const TEXT_SEPARATOR = '\u001f';
/** Starts a staged string column that holds its strings joined by the separator, not a JSON array. */
export const JOINED_STRINGS_MARK = '\u001e';

/**
 * A chunk's strings as one text: joined by the separator, after the mark and a separator, when
 * none is null and none holds the separator (nearly always; joining is about three times
 * cheaper than JSON.stringify, and DuckDB splits it faster than it parses an array), else a
 * JSON array.
 */
function stagedStrings(strings: unknown[], hasNulls: boolean): string {
  if (!hasNulls) {
    const joined = strings.join(TEXT_SEPARATOR);
    let separators = 0;
    for (let at = joined.indexOf(TEXT_SEPARATOR); at !== -1; at = joined.indexOf(TEXT_SEPARATOR, at + 1)) separators++;
    if (separators === strings.length - 1) return JOINED_STRINGS_MARK + TEXT_SEPARATOR + joined;
  }
  return jsonArray(strings);
}

/** The JSON array of the values; a BigInt, which JSON.stringify rejects, becomes a number or its digits. */
function jsonArray(values: unknown[]): string {
  try {
    return JSON.stringify(values);
  } catch {
    return JSON.stringify(values, (_, value: unknown) =>
      typeof value === 'bigint' ? (Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()) : value,
    );
  }
}
