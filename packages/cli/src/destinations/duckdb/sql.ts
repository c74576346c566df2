/** SQL text helpers: every identifier and literal the destination writes goes through these. */

/** A double-quoted identifier (any characters allowed; quotes doubled). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `schema.table` with both parts quoted; no schema means DuckDB's default `main`. */
export function qualified(schema: string | undefined, table: string): string {
  return schema === undefined ? ident(table) : `${ident(schema)}.${ident(table)}`;
}

/** A single-quoted string literal (quotes doubled; DuckDB strings have no backslash escapes). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A literal, or NULL. */
export function literalOrNull(value: string | null | undefined): string {
  return value === null || value === undefined ? 'NULL' : literal(value);
}

/** A JSON value as a JSON-typed literal. */
export function jsonLiteral(value: unknown): string {
  return `${literal(JSON.stringify(value))}::JSON`;
}
