import type { ColumnKind, ColumnPlan } from './columns.js';
import type { ChunkColumn, StagingChunk } from './staging-chunk.js';

/**
 * Writes one record as one staging row; called once per record, so it does as little as it can.
 * Returns the change entries of the fields it nulled (see `nulledChange`), joined by commas, or
 * undefined when it nulled none.
 */
export type RowAppender = (record: Record<string, unknown>) => string | undefined;

/** The `_airbyte_meta.changes` entry, as JSON text, of a column whose value did not fit and was nulled. */
export function nulledChange(column: ColumnPlan): string {
  return JSON.stringify({ field: column.key, change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' });
}

/** Integers of this magnitude or more (2^63) do not fit a BIGINT. */
const INT64_LIMIT = 2 ** 63;
const INTEGER_TEXT = /^\s*[-+]?\d+\s*$/;

/** The staging column of each kind: numbers travel as doubles (JavaScript's own numbers), the rest as text. */
export function chunkColumn(kind: ColumnKind): ChunkColumn {
  if (kind === 'integer' || kind === 'number') return 'double';
  if (kind === 'boolean') return 'boolean';
  if (kind === 'json') return 'json';
  return 'varchar';
}

/** The staging table's columns: extraction time, one per planned column, the nulled fields. */
export function stagingColumns(columns: readonly ColumnPlan[]): ChunkColumn[] {
  return ['double', ...columns.map((column) => chunkColumn(column.kind)), 'varchar'];
}

function setString(chunk: StagingChunk, i: number, text: string): void {
  (chunk.values[i] as unknown[])[chunk.row] = text;
  chunk.textChars += text.length;
}

/**
 * The slow paths of the generated code, for values not already of their column's type. Each
 * writes the converted value into column `i` of the current row and returns true, or writes
 * nothing and returns false (the value is then nulled and the change recorded).
 */
const convert = {
  integer(chunk: StagingChunk, i: number, value: unknown): boolean {
    let n: number;
    if (typeof value === 'string' && INTEGER_TEXT.test(value)) n = Number(value);
    else if (typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)) {
      n = Number(value);
    } else return false;
    if (!Number.isInteger(n) || n >= INT64_LIMIT || n < -INT64_LIMIT) return false;
    (chunk.doubles[i] as Float64Array)[chunk.row] = n;
    return true;
  },
  number(chunk: StagingChunk, i: number, value: unknown): boolean {
    let n = Number.NaN;
    if (typeof value === 'string' && value.trim() !== '') n = Number(value);
    else if (typeof value === 'bigint') n = Number(value);
    if (Number.isNaN(n)) return false;
    (chunk.doubles[i] as Float64Array)[chunk.row] = n;
    return true;
  },
  boolean(chunk: StagingChunk, i: number, value: unknown): boolean {
    if (value !== 'true' && value !== 'false') return false;
    (chunk.booleans[i] as Uint8Array)[chunk.row] = value === 'true' ? 1 : 0;
    return true;
  },
  /** Anything becomes text: numbers and booleans as written, objects and arrays as JSON. */
  text(chunk: StagingChunk, i: number, value: unknown): boolean {
    setString(chunk, i, typeof value === 'object' ? JSON.stringify(value) : String(value));
    return true;
  },
  /** Text that SQL casts later (dates, times): numbers and booleans are written out; objects do not fit. */
  castText(chunk: StagingChunk, i: number, value: unknown): boolean {
    if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') return false;
    setString(chunk, i, String(value));
    return true;
  },
};

/**
 * Builds the row writer of a stream, generated for its columns: each property is read by its
 * constant name and each value meets one type test on the way in, which is most of the cost of
 * a row. Every value is written with exactly its staging column's type, so nothing is cast and
 * nothing throws halfway through a row. A value that does not fit its column (a word in an
 * integer column, an object in a date column) is written as NULL and its field recorded; the
 * merge turns those into `_airbyte_meta.changes`, as Airbyte destinations do. Values that
 * convert cleanly are kept: `"42"` in an integer column is 42, `7` in a string column is `"7"`.
 */
export function compileRowAppender(columns: readonly ColumnPlan[], chunk: StagingChunk): RowAppender {
  /** The JSON text of each column's change entry, written only when a value had to be nulled. */
  const changes = columns.map(nulledChange);
  const nulledIndex = columns.length + 1;
  const head: string[] = ['const D = b.doubles, B = b.booleans, V = b.values;', 'const D0 = D[0];', `const VN = V[${nulledIndex}];`];
  const body: string[] = ['const row = b.row;', 'let n, v, t = 0;', 'D0[row] = Date.now();'];
  columns.forEach((column, index) => {
    const i = index + 1;
    const fallback = (slow: string) =>
      `else if (!c.${slow}(b, ${i}, v)) { b.setNull(${i}); n = n === undefined ? k[${index}] : n + ',' + k[${index}]; }`;
    body.push(`v = r[${JSON.stringify(column.key)}];`, `if (v === undefined || v === null) b.setNull(${i});`);
    switch (column.kind) {
      case 'integer':
        head.push(`const D${i} = D[${i}];`);
        body.push(`else if (typeof v === 'number' && Number.isInteger(v) && v < ${INT64_LIMIT} && v >= -${INT64_LIMIT}) D${i}[row] = v;`);
        body.push(fallback('integer'));
        break;
      case 'number':
        head.push(`const D${i} = D[${i}];`);
        body.push(`else if (typeof v === 'number') D${i}[row] = v;`, fallback('number'));
        break;
      case 'boolean':
        head.push(`const B${i} = B[${i}];`);
        body.push(`else if (typeof v === 'boolean') B${i}[row] = v ? 1 : 0;`, fallback('boolean'));
        break;
      case 'string':
        head.push(`const V${i} = V[${i}];`);
        body.push(`else if (typeof v === 'string') { V${i}[row] = v; t += v.length; }`, fallback('text'));
        break;
      case 'json':
        head.push(`const V${i} = V[${i}];`);
        body.push(`else { v = JSON.stringify(v); V${i}[row] = v; if (v !== undefined) t += v.length; }`);
        break;
      case 'cast':
        head.push(`const V${i} = V[${i}];`);
        body.push(`else if (typeof v === 'string') { V${i}[row] = v; t += v.length; }`, fallback('castText'));
        break;
    }
  });
  body.push(`if (n === undefined) b.setNull(${nulledIndex}); else VN[row] = n;`, 'b.textChars += t;', 'b.endRow();', 'return n;');
  const source = `${head.join('\n')}\nreturn function appendRow(r) {\n${body.join('\n')}\n};`;
  const build = new Function('b', 'c', 'k', source) as (b: StagingChunk, c: typeof convert, k: readonly string[]) => RowAppender;
  return build(chunk, convert, changes);
}
