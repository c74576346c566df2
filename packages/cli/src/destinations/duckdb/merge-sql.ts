/**
 * The SQL that moves one batch of a stream from its in-memory staging table into DuckDB: typed
 * (text staged for dates and times is cast here), with `_airbyte_*` columns, deduplicated when
 * the stream is, and, for overwrite streams, the swap of the new table for the old one.
 */
import { type ColumnPlan, canonicalType, EXTRACTED_AT, META, NULLED, nativeType, RAW_ID, STAGED_AT } from './columns.js';
import { ident, literal } from './sql.js';
import { JOINED_STRINGS_MARK, TEXT_SEPARATOR } from './staging-chunk.js';

/** What the SQL needs to know about a stream's destination. */
export interface MergeTarget {
  columns: readonly ColumnPlan[];
  primaryKey: readonly (readonly string[])[];
  cursor: readonly string[] | undefined;
}

/** One staged column as rows again: lists unnest as they are, texts are split or parsed first. */
function unnested(kind: ColumnPlan['kind'] | 'text', staged: string): string {
  switch (kind) {
    case 'integer':
    case 'number':
    case 'boolean':
      return `unnest(${staged})`;
    case 'json':
      return `nullif(unnest(string_split(${staged}, ${literal(TEXT_SEPARATOR)})), '')`;
    default: {
      // Strings are staged joined after a mark, or as a JSON array (see staging-chunk.ts).
      const joined = `starts_with(${staged}, ${literal(JOINED_STRINGS_MARK)})`;
      // The mark is followed by a separator, so it splits off as the first element; slicing
      // the list is cheaper than a substring of the whole text (which DuckDB scans as UTF-8).
      const split = `string_split(${staged}, ${literal(TEXT_SEPARATOR)})[2:]`;
      return `unnest(CASE WHEN ${joined} THEN ${split} ELSE CAST(${staged}::JSON AS VARCHAR[]) END)`;
    }
  }
}

/** The position of each record within its staging row, when only the first records of a staging row are wanted. */
const POSITION = '_tributary_position';

/**
 * The rows of a staging table, one per record, as a subquery with the staged columns (all of
 * them, or those `include` keeps, for joins that need only keys). A staging row holds a chunk
 * of records as lists of equal length, which DuckDB unnests side by side, in order. With
 * `firstRecords`, only the first that many records of each staging row are kept.
 */
export function stagedRowsSql(
  columns: readonly ColumnPlan[],
  staging: string,
  include?: (column: ColumnPlan) => boolean,
  firstRecords?: number,
): string {
  const parts: string[] = [];
  if (include === undefined) parts.push(`${unnested('number', `s.${ident(STAGED_AT)}`)} AS ${ident(STAGED_AT)}`);
  for (const column of columns) {
    if (include === undefined || include(column))
      parts.push(`${unnested(column.kind, `s.${ident(column.column)}`)} AS ${ident(column.column)}`);
  }
  if (include === undefined) parts.push(`${unnested('text', `s.${ident(NULLED)}`)} AS ${ident(NULLED)}`);
  if (firstRecords === undefined) return `(SELECT ${parts.join(', ')} FROM ${staging} AS s)`;
  // Unnested beside the others, a list of positions numbers the records of each staging row.
  parts.push(`unnest(range(len(s.${ident(STAGED_AT)}))) AS ${POSITION}`);
  return `(SELECT * EXCLUDE (${POSITION}) FROM (SELECT ${parts.join(', ')} FROM ${staging} AS s) WHERE ${POSITION} < ${firstRecords})`;
}

/** The final-typed value of a column, from the staged one. */
function typedValue(column: ColumnPlan, source: string): string {
  const staged = `${source}.${ident(column.column)}`;
  return isChecked(column) ? `TRY_CAST(${staged} AS ${column.sqlType})` : `CAST(${staged} AS ${column.sqlType})`;
}

/**
 * A column whose staged value may fail the cast to its final type (which then nulls it): text
 * for dates and times, and values going into an existing column of a narrower type.
 */
function isChecked(column: ColumnPlan): boolean {
  const native = nativeType(column.kind);
  return native === undefined || canonicalType(native) !== canonicalType(column.sqlType);
}

/**
 * `_airbyte_meta` of each row: the sync id and a change entry for every field that was nulled
 * (by the loader, or by a cast that failed: the staged value `r<i>` is there, its typed value
 * `v<i>` is not). Rows without changes, nearly all of them, share one constant JSON value.
 */
function metaExpression(columns: readonly ColumnPlan[], syncId: number, source: string): string {
  const head = literal(`{"sync_id":${syncId},"changes":[`);
  const clean = `${literal(`{"sync_id":${syncId},"changes":[]}`)}::JSON`;
  const nulled = `${source}._n`;
  const failures: { failed: string; column: ColumnPlan }[] = [];
  columns.forEach((column, i) => {
    if (isChecked(column)) failures.push({ failed: `(${source}.r${i} IS NOT NULL AND ${source}.v${i} IS NULL)`, column });
  });
  if (failures.length === 0) return `CASE WHEN ${nulled} IS NULL THEN ${clean} ELSE CAST(${head} || ${nulled} || ']}' AS JSON) END`;
  const entries = failures.map(({ failed, column }) => {
    const change = JSON.stringify({ field: column.key, change: 'NULLED', reason: 'DESTINATION_TYPECAST_ERROR' });
    return `CASE WHEN ${failed} THEN ${literal(change)} END`;
  });
  const anyFailed = failures.map(({ failed }) => failed).join(' OR ');
  return `CASE WHEN ${nulled} IS NULL AND NOT (${anyFailed}) THEN ${clean} ELSE CAST(${head} || concat_ws(',', ${[nulled, ...entries].join(', ')}) || ']}' AS JSON) END`;
}

/** An expression for a primary-key or cursor path: a column, or a value inside a JSON column. */
function pathExpression(target: MergeTarget, path: readonly string[], source: string, staged: boolean): string {
  const [first, ...rest] = path;
  const column = target.columns.find((c) => c.key === first);
  if (column === undefined) throw new Error(`the field '${path.join('.')}' is not a property of the stream's schema`);
  const value = staged ? typedValue(column, source) : `${source}.${ident(column.column)}`;
  if (rest.length === 0) return value;
  const jsonPath = `$${rest.map((part) => `.${JSON.stringify(part)}`).join('')}`;
  return `json_extract_string(${value}, ${literal(jsonPath)})`;
}

function keyList(target: MergeTarget, source: string, staged: boolean): string[] {
  return target.primaryKey.map((path) => pathExpression(target, path, source, staged));
}

/**
 * Inserts the rows of staging table `staging` into `table`, typed, in the order they arrived
 * (DuckDB's preserve_insertion_order keeps the staging table's order without a sort); with
 * `firstRecords`, only that many records of each staging row.
 */
export function insertSql(target: MergeTarget, staging: string, table: string, syncId: number, firstRecords?: number): string {
  const rows = stagedRowsSql(target.columns, staging, undefined, firstRecords);
  const columns = [RAW_ID, EXTRACTED_AT, META, ...target.columns.map((c) => c.column)].map(ident).join(', ');
  // The inner query casts each value once; the outer one also uses the casts to build the meta.
  const inner = [`s.${ident(STAGED_AT)} AS _ms`, `s.${ident(NULLED)} AS _n`];
  target.columns.forEach((column, i) => {
    inner.push(`${typedValue(column, 's')} AS v${i}`);
    if (isChecked(column)) inner.push(`s.${ident(column.column)} AS r${i}`);
  });
  const values = [
    'gen_random_uuid()',
    'to_timestamp(x._ms / 1000)',
    metaExpression(target.columns, syncId, 'x'),
    ...target.columns.map((_, i) => `x.v${i}`),
  ];
  return `INSERT INTO ${table} (${columns}) SELECT ${values.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${rows} AS s) AS x`;
}

/**
 * The sort key whose maximum is the latest version of a primary key: a present cursor beats a
 * missing one, then the highest cursor, then the latest extraction, then (rows of one batch are
 * inserted in arrival order) the latest arrival.
 */
function latestKey(target: MergeTarget, source: string): string {
  const parts: string[] = [];
  if (target.cursor && target.cursor.length > 0) {
    const cursor = pathExpression(target, target.cursor, source, false);
    parts.push(`${cursor} IS NOT NULL`, cursor);
  }
  parts.push(`${source}.${ident(EXTRACTED_AT)}`, `${source}.rowid`);
  return `(${parts.join(', ')})`;
}

/**
 * Deletes the rows of `table` that are not the latest version of their primary key, among the
 * keys also in `batch` (all keys when undefined). Duplicated keys are found first with a
 * plain count, so when there are none, nearly always, no row is ranked at all. Keys are compared
 * with `=`, so that DuckDB can skip row groups whose keys are outside the batch's range (a row
 * with a null key field, which Airbyte does not allow, is never merged).
 */
function dedupSql(target: MergeTarget, table: string, batch: string | undefined): string {
  const keys = keyList(target, 't', false);
  const named = keys.map((key, i) => `${key} AS k${i}`).join(', ');
  // Plain semi joins: DuckDB plans them as hash joins, where a correlated EXISTS costs it
  // several times more (delim joins).
  const inBatch =
    batch === undefined
      ? ''
      : ` SEMI JOIN ${batch} AS b ON ${target.primaryKey
          .map((path) => `${pathExpression(target, path, 't', false)} = ${pathExpression(target, path, 'b', true)}`)
          .join(' AND ')}`;
  const duplicated = `SELECT ${named} FROM ${table} AS t${inBatch} GROUP BY ALL HAVING count(*) > 1`;
  const isDuplicated = keys.map((key, i) => `${key} = k.k${i}`).join(' AND ');
  const join = keyList(target, 'd', false)
    .map((key, i) => `${key} = w.k${i}`)
    .join(' AND ');
  return (
    `DELETE FROM ${table} WHERE rowid IN (SELECT d.rowid FROM ${table} AS d JOIN (` +
    `SELECT ${named}, arg_max(t.rowid, ${latestKey(target, 't')}) AS keep FROM ${table} AS t ` +
    `SEMI JOIN (${duplicated}) AS k ON ${isDuplicated} GROUP BY ALL) AS w ON ${join} WHERE d.rowid <> w.keep)`
  );
}

/**
 * After `insertSql`, deletes every row of `table` that is not the latest version of its primary
 * key, among the keys of the batch in staging table `staging`: the table holds one row per key again.
 */
export function dedupAgainstBatchSql(target: MergeTarget, staging: string, table: string): string {
  const keyColumns = new Set(target.primaryKey.map((path) => path[0]));
  return dedupSql(
    target,
    table,
    stagedRowsSql(target.columns, staging, (column) => keyColumns.has(column.key)),
  );
}

/** Deletes all but the latest row of each primary key in the whole table (overwrite with dedup). */
export function dedupTableSql(target: MergeTarget, table: string): string {
  return dedupSql(target, table, undefined);
}
