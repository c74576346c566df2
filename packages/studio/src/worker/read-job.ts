/**
 * A test read of one stream, as `read` does it (the project's own test kit, in-process), with
 * every slice, page, request, record, state, log and error reported to a `ReadTimeline`. Slices
 * are read one at a time (`_concurrency: 1`), so each request and record belongs to one page.
 */
import type { AirbyteCatalog, AirbyteState, Source } from '@tributary/cdk';
import type { ReadLimits } from '@tributary/cdk/runtime';
import type { Json, JsonObject, ReadLimitsView } from '../api/types.js';
import type { ReadJob, ReadOutcome } from '../runs/job.js';
import type { ConnectorKit } from './connector-kit.js';
import { BodyStore, exchangeView, type Masking } from './exchange-view.js';
import { ReadTimeline, type TimelineView } from './read-timeline.js';

const PROGRESS_INTERVAL_MS = 250;

/** How far a read is, sent to the page while it runs. */
export interface ProgressCounts {
  records: number;
  requests: number;
  slices: number;
}

/** The input state of a read, as the test kit takes it. */
function inputState(job: ReadJob): AirbyteState[] | undefined {
  return job.state === null ? undefined : (job.state as unknown as AirbyteState[]);
}

export async function runRead(
  kit: ConnectorKit,
  source: Source,
  job: ReadJob,
  catalog: AirbyteCatalog,
  progress: (counts: ProgressCounts) => void,
): Promise<ReadOutcome> {
  const started = Date.now();
  const timeline = new ReadTimeline();
  const store = new BodyStore();
  const masking = maskingOf(kit);
  const recorder = kit.testing.recordHttp((exchange) => timeline.exchange(exchangeView(exchange, masking, store)));
  const counts = (): ProgressCounts => ({
    records: timeline.view.records.length,
    requests: timeline.view.requestCount,
    slices: timeline.view.slices.length,
  });
  const ticker = setInterval(() => progress(counts()), PROGRESS_INTERVAL_MS);
  try {
    const result = await kit.testing.read(source, {
      config: { ...job.config, _concurrency: 1 },
      catalog: kit.testing.configuredCatalog(catalog, [{ name: job.stream, syncMode: job.syncMode }]),
      state: inputState(job),
      limits: readLimits(job),
      observer: timeline,
      onMessage: (message) => timeline.message(message),
    });
    timeline.finish();
    const view = timeline.view;
    return {
      stream: job.stream,
      syncMode: job.syncMode,
      limits: job.limits,
      inputState: job.state,
      outcome: result.exitCode === 0 ? 'succeeded' : 'failed',
      limitsReached: limitsReached(view, job.limits),
      durationMs: Date.now() - started,
      slices: view.slices,
      otherRequests: view.otherRequests,
      records: view.records,
      logs: view.logs,
      errors: view.errors,
      statuses: view.statuses,
      finalState: result.finalState as unknown as Json[],
      bodies: store.bodies,
      declaredSchema: (catalog.streams.find((stream) => stream.name === job.stream)?.json_schema as JsonObject | undefined) ?? null,
    };
  } finally {
    clearInterval(ticker);
    await recorder.stop();
  }
}

function readLimits(job: ReadJob): ReadLimits {
  const limits: ReadLimits = { records: job.limits.records, slices: job.limits.slices, pagesPerSlice: job.limits.pages };
  if (job.onlySlice !== undefined) {
    const wanted = JSON.stringify(job.onlySlice.slice);
    limits.selectSlice = (slice) => JSON.stringify(slice ?? null) === wanted;
  }
  return limits;
}

/** Which limits the read reached: it may have had more to read. */
function limitsReached(view: TimelineView, limits: ReadLimitsView): string[] {
  const reached: string[] = [];
  if (view.records.length >= limits.records) reached.push('records');
  if (view.slices.some((slice) => slice.pages.filter((page) => page.number > 0).length >= limits.pages)) reached.push('pages');
  if (view.slices.length >= limits.slices) reached.push('slices');
  return reached;
}

function maskingOf(kit: ConnectorKit): Masking {
  const masker = kit.runtime.secretMasker;
  return {
    text: (text) => masker.mask(text),
    url: (url) => masker.mask(kit.runtime.redactUrl(url)),
    headers: (headers) => kit.testing.redactHeaders(headers),
  };
}
