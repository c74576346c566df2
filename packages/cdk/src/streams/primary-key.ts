/** The forms a stream may declare its primary key in, as in the Python CDK. */
export type PrimaryKey = string | string[] | string[][];

/** Normalises a primary key to the catalog's `string[][]` (a list of field paths). */
export function normalizePrimaryKey(key: PrimaryKey | undefined | null): string[][] | undefined {
  if (key === undefined || key === null) return undefined;
  if (typeof key === 'string') return [[key]];
  if (!Array.isArray(key)) throw new TypeError(`primaryKey must be a string, string[] or string[][], got ${typeof key}`);
  if (key.length === 0) return undefined;
  return key.map((part) => {
    if (typeof part === 'string') return [part];
    if (Array.isArray(part) && part.every((p) => typeof p === 'string')) return [...part];
    throw new TypeError('primaryKey must be a string, string[] or string[][]');
  });
}

/** Normalises a cursor field (a name or a path) to the catalog's `string[]`. */
export function normalizeCursorField(field: string | string[] | undefined | null): string[] {
  if (field === undefined || field === null) return [];
  return typeof field === 'string' ? [field] : [...field];
}
