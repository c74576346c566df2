import { ConnectorError } from '@tributary/cdk';

/**
 * The primary key of a declarative stream as the Python CDK's concurrent streams read it
 * (`get_primary_key_from_stream`): `id` → `['id']`, `[a, b]` → `['a', 'b']`, `[[a], [b]]` →
 * `['a', 'b']`; a nested path (`[[a, b]]`) is not supported there and fails the same way here.
 * A key written as a number (pydantic casts it) counts as its text.
 */
export function declarativePrimaryKey(value: unknown, streamName: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) {
    if (value.every((part) => typeof part === 'string' || typeof part === 'number')) return value.map(String);
    if (value.every((part) => Array.isArray(part) && part.length === 1)) return value.map((part) => String(part[0]));
  }
  throw ConnectorError.config(
    `Stream '${streamName}': nested primary keys are not supported (found ${JSON.stringify(value)}); use top-level fields`,
  );
}
