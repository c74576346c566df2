import { draft07Problems, findRefs, schemaAtPath } from '../json-schema-tools.js';
import { protocolProblemsOf } from '../protocol-schema.js';
import { streamKey } from '../results.js';
import type { AcceptanceContext } from './context.js';
import type { AcceptanceCheck } from './options.js';
import { assertNoProblems } from './problems.js';

export function discoverChecks(context: AcceptanceContext<unknown>): AcceptanceCheck[] {
  return [
    {
      id: 'discover',
      title: 'discover: a valid catalog with unique stream names',
      async run() {
        const result = await context.discover();
        const problems = protocolProblemsOf(result.messages);
        if (result.exitCode !== 0) {
          assertNoProblems([`discover failed: ${result.describeErrors()}`, ...problems], 'discover does not work');
        }
        const streams = result.catalog.streams;
        if (streams.length === 0) problems.push('the catalog has no stream');
        const seen = new Set<string>();
        for (const stream of streams) {
          const key = streamKey(stream);
          if (seen.has(key)) problems.push(`stream '${key}' appears twice`);
          seen.add(key);
          if (stream.name.trim() === '') problems.push('a stream has an empty name');
          const incremental = stream.supported_sync_modes.includes('incremental');
          if (incremental && stream.source_defined_cursor !== true && (stream.default_cursor_field ?? []).length === 0) {
            problems.push(`stream '${key}' supports incremental but has no default_cursor_field (and source_defined_cursor is not true)`);
          }
        }
        assertNoProblems(problems, 'The catalog is not valid');
      },
    },
    {
      id: 'discover-schemas',
      title: 'discover: every stream schema is valid JSON Schema with no $ref left',
      async run() {
        const problems: string[] = [];
        for (const stream of (await context.discover()).catalog.streams) {
          const label = `stream '${streamKey(stream)}' json_schema`;
          problems.push(...draft07Problems(stream.json_schema, label));
          for (const ref of findRefs(stream.json_schema)) problems.push(`${label} still has a $ref at ${ref}`);
          const type = stream.json_schema.type;
          if (type !== undefined && type !== 'object' && !(Array.isArray(type) && type.includes('object'))) {
            problems.push(`${label} must describe an object (its type is ${JSON.stringify(type)})`);
          }
        }
        assertNoProblems(problems, 'Stream schemas are not valid');
      },
    },
    {
      id: 'discover-keys',
      title: 'discover: primary keys and default cursor fields exist in the schemas',
      async run() {
        const problems: string[] = [];
        for (const stream of (await context.discover()).catalog.streams) {
          const key = streamKey(stream);
          for (const path of stream.source_defined_primary_key ?? []) {
            if (path.length === 0) problems.push(`stream '${key}' has an empty primary key path`);
            else if (schemaAtPath(stream.json_schema, path) === undefined) {
              problems.push(`stream '${key}': primary key ${path.join('.')} is not a property of its schema`);
            }
          }
          const cursor = stream.default_cursor_field ?? [];
          if (cursor.length > 0 && schemaAtPath(stream.json_schema, cursor) === undefined) {
            problems.push(`stream '${key}': default cursor field ${cursor.join('.')} is not a property of its schema`);
          }
        }
        assertNoProblems(problems, 'Keys are missing from the schemas');
      },
    },
  ];
}
