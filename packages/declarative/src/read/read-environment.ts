// What every stream of one read shares: the manifest and config, the clock, the parent-response
// cache, the call budget, where warnings go, which streams' responses are cached, and the async
// jobs' tracker and timing.
import type { Logger } from '@tributary/cdk';
import type { AsyncJobTiming } from '../async-jobs/async-job-timing.js';
import type { JobTracker } from '../async-jobs/job-tracker.js';
import type { HttpApiBudget } from '../budget/http-api-budget.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import type { LoadedManifest } from '../manifest/load-manifest.js';
import type { ResponseCache } from '../requesters/response-cache.js';

export interface ReadEnvironment {
  readonly manifest: LoadedManifest;
  readonly config: Record<string, unknown>;
  readonly env: ComponentEnvironment;
  readonly cache: ResponseCache;
  /** Names of the streams other streams read as parents: their requesters use the cache too. */
  readonly parentNames: ReadonlySet<string>;
  /** The manifest's `api_budget`, shared by every requester of the read. */
  readonly budget?: HttpApiBudget;
  readonly logger?: Logger;
  /** Wall-clock seconds (the per-partition cursor's state throttling and lookback timer). */
  readonly now: () => number;
  /** AsyncRetriever jobs: the read's job tracker (`max_concurrent_async_job_count`) and how long the loop waits. */
  readonly asyncJobs: { readonly tracker: JobTracker; readonly timing: AsyncJobTiming };
}

/** Where a stream's runtime is built from: its component, its path in the manifest, and how it is read. */
export interface StreamSite {
  readonly path: Array<string | number>;
  /** 0 for a stream of the catalog, 1 for its parents, 2 for theirs... */
  readonly depth: number;
  /** The stream's responses go to (and come from) the shared cache. */
  readonly useCache: boolean;
}
