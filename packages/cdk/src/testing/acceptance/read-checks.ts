import type { ConfiguredAirbyteCatalog } from '../../index.js';
import { valueAtKeyPath } from '../../json/key-path.js';
import { compileValidator, preview } from '../json-schema-tools.js';
import type { ReadResult } from '../results.js';
import { streamKey } from '../results.js';
import type { AcceptanceContext } from './context.js';
import { stateProblems, statusProblems } from './message-order.js';
import type { AcceptanceCheck } from './options.js';
import { assertNoProblems } from './problems.js';
import { missingFrom, recordIdentity } from './record-identity.js';

/** Problems listed per stream before the rest of that stream's are only counted. */
const PER_STREAM = 5;

type Context = AcceptanceContext<unknown>;

export function readChecks(context: Context): AcceptanceCheck[] {
  return [
    readCompletes(context),
    recordsMatchSchemas(context),
    streamsHaveRecords(context),
    primaryKeysUnique(context),
    statusesInOrder(context),
    statesValid(context),
    fullRefreshIdempotent(context),
  ];
}

function successfulFullRefresh(context: Context): Promise<ReadResult> {
  return context.successful(context.fullRefresh(), 'the full refresh read');
}

function readCompletes(context: Context): AcceptanceCheck {
  return {
    id: 'read',
    title: 'read: a full refresh of every stream completes without errors',
    async run() {
      const catalog = await context.fullRefreshCatalog();
      const result = await context.fullRefresh();
      const problems: string[] = [];
      if (result.exitCode !== 0) problems.push(`read exited with code ${result.exitCode}`);
      for (const error of result.errors) {
        const stream = error.stream_descriptor === undefined ? '' : ` (stream '${streamKey(error.stream_descriptor)}')`;
        problems.push(`TRACE error${stream} [${error.failure_type ?? 'error'}]: ${error.message}`);
      }
      for (const key of configuredKeys(catalog)) {
        const statuses = result.statusesOf(...nameAndNamespace(catalog, key));
        if (statuses.at(-1) !== 'COMPLETE')
          problems.push(`stream '${key}' did not end COMPLETE (statuses: ${statuses.join(', ') || 'none'})`);
      }
      assertNoProblems(problems, 'The full refresh failed');
    },
  };
}

function recordsMatchSchemas(context: Context): AcceptanceCheck {
  return {
    id: 'read-records',
    title: 'read: every record conforms to its stream schema',
    async run() {
      const catalog = await context.fullRefreshCatalog();
      const result = await successfulFullRefresh(context);
      const problems = recordSchemaProblems(catalog, result, context.options.validateFormats ?? true);
      assertNoProblems(problems, 'Records do not match their schemas');
    },
  };
}

function streamsHaveRecords(context: Context): AcceptanceCheck {
  return {
    id: 'read-non-empty',
    title: 'read: every stream has records, and only configured streams do',
    async run() {
      const catalog = await context.fullRefreshCatalog();
      const result = await successfulFullRefresh(context);
      const configured = configuredKeys(catalog);
      const allowedEmpty = new Set(context.options.emptyStreams ?? []);
      const problems: string[] = [];
      for (const key of configured) {
        if (!allowedEmpty.has(key) && !result.recordsByStream.has(key)) {
          problems.push(`stream '${key}' has no records (list it in emptyStreams if that is expected for the test config)`);
        }
      }
      for (const key of result.recordsByStream.keys()) {
        if (!configured.has(key)) problems.push(`records for stream '${key}', which is not in the catalog`);
      }
      assertNoProblems(problems, 'Streams are empty or unexpected');
    },
  };
}

function primaryKeysUnique(context: Context): AcceptanceCheck {
  return {
    id: 'read-primary-keys',
    title: 'read: primary keys are present and unique within a full refresh',
    async run() {
      const catalog = await context.fullRefreshCatalog();
      const result = await successfulFullRefresh(context);
      const problems: string[] = [];
      let checked = 0;
      for (const entry of catalog.streams) {
        const key = entry.primary_key ?? entry.stream.source_defined_primary_key ?? [];
        if (key.length === 0) continue;
        checked++;
        const name = streamKey(entry.stream);
        problems.push(...limit(primaryKeyProblems(name, key, result.recordsOf(entry.stream.name, entry.stream.namespace)), name));
      }
      if (checked === 0) return { skip: 'no stream has a primary key' };
      assertNoProblems(problems, 'Primary keys are missing or repeated');
      return undefined;
    },
  };
}

/** Records of one stream without a value for a primary key path, or sharing their key with an earlier one. */
function primaryKeyProblems(name: string, key: readonly string[][], records: readonly Record<string, unknown>[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  records.forEach((data, index) => {
    const values = key.map((path) => valueAtKeyPath(data, path));
    const missing = key.filter((_, i) => values[i] === undefined || values[i] === null);
    if (missing.length > 0) {
      problems.push(`stream '${name}' record #${index + 1} has no value for primary key ${missing.map((p) => p.join('.')).join(', ')}`);
      return;
    }
    const identity = JSON.stringify(values);
    const first = seen.get(identity);
    if (first !== undefined) problems.push(`stream '${name}' records #${first + 1} and #${index + 1} share the primary key ${identity}`);
    else seen.set(identity, index);
  });
  return problems;
}

function statusesInOrder(context: Context): AcceptanceCheck {
  return {
    id: 'read-statuses',
    title: 'read: stream statuses come in order (STARTED, RUNNING, COMPLETE)',
    async run() {
      const problems = await bothReads(context, statusProblems);
      assertNoProblems(problems, 'Stream statuses are out of order');
    },
  };
}

function statesValid(context: Context): AcceptanceCheck {
  return {
    id: 'read-states',
    title: 'read: every STATE is valid (known stream, object blob, record counts, final state)',
    async run() {
      const problems = await bothReads(context, stateProblems);
      assertNoProblems(problems, 'STATE messages are not valid');
    },
  };
}

/** The problems `find` sees in the messages of the full refresh and, if there is one, the incremental read. */
async function bothReads(context: Context, find: typeof statusProblems): Promise<string[]> {
  const problems = find((await context.fullRefresh()).messages, configuredKeys(await context.fullRefreshCatalog()), 'full refresh');
  const incremental = await context.incremental();
  if (incremental !== undefined) {
    problems.push(...find(incremental.messages, configuredKeys((await context.incrementalCatalog())!), 'incremental read'));
  }
  return problems;
}

function fullRefreshIdempotent(context: Context): AcceptanceCheck {
  return {
    id: 'full-refresh-idempotent',
    title: 'full refresh: two reads give the same records (ignoring emitted_at)',
    async run() {
      const catalog = await context.fullRefreshCatalog();
      const first = await successfulFullRefresh(context);
      const second = await context.successful(context.fullRefreshAgain(), 'the second full refresh');
      const problems: string[] = [];
      for (const entry of catalog.streams) {
        const name = streamKey(entry.stream);
        const ignored = context.options.ignoredFields?.[name] ?? [];
        const a = first.recordsOf(entry.stream.name, entry.stream.namespace).map((data) => recordIdentity(data, ignored));
        const b = second.recordsOf(entry.stream.name, entry.stream.namespace).map((data) => recordIdentity(data, ignored));
        const onlyFirst = missingFrom(a, b);
        const onlySecond = missingFrom(b, a);
        if (onlyFirst.length > 0)
          problems.push(`stream '${name}': ${onlyFirst.length} record(s) only in the first read, e.g. ${preview(onlyFirst[0], 200)}`);
        if (onlySecond.length > 0)
          problems.push(`stream '${name}': ${onlySecond.length} record(s) only in the second read, e.g. ${preview(onlySecond[0], 200)}`);
      }
      assertNoProblems(problems, 'Two full refreshes differ (list fields that change on every read in ignoredFields)');
    },
  };
}
/** `name` or `namespace.name` of every configured stream. */
export function configuredKeys(catalog: ConfiguredAirbyteCatalog): Set<string> {
  return new Set(catalog.streams.map((entry) => streamKey(entry.stream)));
}

function nameAndNamespace(catalog: ConfiguredAirbyteCatalog, key: string): [string, string | undefined] {
  const entry = catalog.streams.find((item) => streamKey(item.stream) === key)!;
  return [entry.stream.name, entry.stream.namespace];
}

function recordSchemaProblems(catalog: ConfiguredAirbyteCatalog, result: ReadResult, formats: boolean): string[] {
  const problems: string[] = [];
  for (const entry of catalog.streams) {
    const name = streamKey(entry.stream);
    let validate: (value: unknown) => string[];
    try {
      validate = compileValidator(entry.stream.json_schema, { formats });
    } catch (error) {
      problems.push(`stream '${name}': its schema does not compile: ${(error as Error).message}`);
      continue;
    }
    const streamProblems: string[] = [];
    result.recordsOf(entry.stream.name, entry.stream.namespace).forEach((data, index) => {
      for (const problem of validate(data)) streamProblems.push(`stream '${name}' record #${index + 1}: ${problem}`);
    });
    problems.push(...limit(streamProblems, name));
  }
  return problems;
}

function limit(problems: string[], stream: string): string[] {
  if (problems.length <= PER_STREAM) return problems;
  return [...problems.slice(0, PER_STREAM), `stream '${stream}': … and ${problems.length - PER_STREAM} more like these`];
}
