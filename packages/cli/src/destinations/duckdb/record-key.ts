/**
 * The primary key check of a deduplicated stream (append_dedup, or an overwrite deduplicated by
 * its key). A record without its key, or whose key does not fit its column (and would be
 * nulled), cannot be deduplicated: no later version could ever replace it. Airbyte's typing and
 * deduping fails such a sync ("rows missing a primary key"), and so does the runner: the record
 * is refused, named by stream and position, rather than stored as a row with a NULL key.
 */
import type { ColumnPlan } from './columns.js';
import { nulledChange } from './row-appender.js';

export interface KeyCheck {
  /** The key field a record lacks (`id`, or `a.b` for a nested path), or undefined when it has them all. */
  missing(record: Record<string, unknown>): string | undefined;
  /** The key field among the fields the row appender nulled (its `nulled` result), with its column type, if any. */
  nulled(nulled: string): string | undefined;
}

export function compileKeyCheck(primaryKey: readonly (readonly string[])[], columns: readonly ColumnPlan[]): KeyCheck {
  const paths = primaryKey.map((path) => [...path]);
  const single = paths.length === 1 && paths[0]?.length === 1 ? (paths[0][0] as string) : undefined;
  const keyColumns = columns.filter((column) => paths.some((path) => path.length === 1 && path[0] === column.key));
  const changes = keyColumns.map((column) => ({ field: `'${column.key}' (${column.sqlType})`, change: nulledChange(column) }));
  return {
    missing:
      single !== undefined
        ? (record) => (ownValue(record, single) == null ? single : undefined)
        : (record) => {
            for (const path of paths) {
              let value: unknown = record;
              for (const part of path) value = ownValue(value, part);
              if (value == null) return path.join('.');
            }
            return undefined;
          },
    nulled: (nulled) => changes.find((entry) => nulled.includes(entry.change))?.field,
  };
}

/** An own property: a key named `constructor` is not Object.prototype's. */
function ownValue(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
