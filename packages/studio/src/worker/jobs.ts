/** The commands a run worker carries out, through the project's own test kit. */
import type { Source } from '@tributary/cdk';
import type { CheckView, DiscoverView, JsonObject, SpecView, StreamView } from '../api/types.js';
import type { JobResult, ReadJob } from '../runs/job.js';
import type { ConnectorKit } from './connector-kit.js';
import { logsAndErrors, thrownErrorView } from './message-views.js';
import { type ProgressCounts, runRead } from './read-job.js';

export async function runSpec(kit: ConnectorKit): Promise<JobResult> {
  const result = await kit.testing.spec(kit.createSource());
  const found = result.messagesOfType('SPEC')[0]?.spec;
  const view: SpecView = {
    schema: (found?.connectionSpecification as JsonObject | undefined) ?? null,
    errors: logsAndErrors(result.messages).errors,
  };
  if (found?.documentationUrl !== undefined) view.documentationUrl = found.documentationUrl;
  return { command: 'spec', view };
}

export async function runValidate(kit: ConnectorKit, config: JsonObject): Promise<JobResult> {
  return { command: 'validate', problems: await kit.runtime.configProblems(kit.createSource(), config) };
}

export async function runCheck(kit: ConnectorKit, config: JsonObject): Promise<JobResult> {
  const started = Date.now();
  const result = await kit.testing.check(kit.createSource(), { config });
  const status = result.messagesOfType('CONNECTION_STATUS')[0]?.connectionStatus;
  const view: CheckView = {
    status: status?.status ?? 'ERROR',
    ...logsAndErrors(result.messages),
    durationMs: Date.now() - started,
  };
  if (status?.message !== undefined) view.message = status.message;
  return { command: 'check', view };
}

export async function runDiscover(kit: ConnectorKit, config: JsonObject): Promise<JobResult> {
  const started = Date.now();
  const result = await kit.testing.discover(kit.createSource(), { config });
  const catalog = result.messagesOfType('CATALOG')[0]?.catalog;
  const streams: StreamView[] = (catalog?.streams ?? []).map((stream) => ({
    name: stream.name,
    ...(stream.namespace ? { namespace: stream.namespace } : {}),
    syncModes: stream.supported_sync_modes ?? [],
    primaryKey: stream.source_defined_primary_key ?? [],
    cursorField: stream.default_cursor_field ?? [],
    sourceDefinedCursor: stream.source_defined_cursor === true,
    schema: stream.json_schema as JsonObject,
  }));
  const view: DiscoverView = { streams, ...logsAndErrors(result.messages), durationMs: Date.now() - started };
  return { command: 'discover', view };
}

export async function runReadJob(kit: ConnectorKit, job: ReadJob, progress: (counts: ProgressCounts) => void): Promise<JobResult> {
  const source: Source = kit.createSource();
  const discovered = await kit.testing.discover(kit.createSource(), { config: job.config });
  if (discovered.exitCode !== 0 || discovered.messagesOfType('CATALOG').length === 0) {
    const { logs, errors } = logsAndErrors(discovered.messages);
    return {
      command: 'read',
      outcome: failedBeforeRead(job, logs, errors.length > 0 ? errors : [thrownErrorView(new Error('discover failed'), String)]),
    };
  }
  const outcome = await runRead(kit, source, job, discovered.catalog, progress);
  return { command: 'read', outcome };
}

function failedBeforeRead(
  job: ReadJob,
  logs: ReturnType<typeof logsAndErrors>['logs'],
  errors: ReturnType<typeof logsAndErrors>['errors'],
) {
  return {
    stream: job.stream,
    syncMode: job.syncMode,
    limits: job.limits,
    inputState: job.state,
    outcome: 'failed' as const,
    limitsReached: [],
    durationMs: 0,
    slices: [],
    otherRequests: [],
    records: [],
    logs,
    errors,
    statuses: [],
    finalState: [],
    bodies: {},
    declaredSchema: null,
  };
}
