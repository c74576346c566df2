/**
 * Everything Studio does for its page, one method per action: the project, its spec and config,
 * check, discover and test reads (each in a worker of its own), schemas, the manifest and its
 * templates. The HTTP layer (`server/`) maps the API's routes onto these methods.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { JsonSchema } from '@tributary/cdk';
import type {
  CheckView,
  ConfigProblemView,
  ConfigView,
  DiscoverView,
  FileView,
  InterpolateRequest,
  InterpolateView,
  JsonObject,
  ManifestValidation,
  ManifestView,
  ProjectView,
  ReadRequest,
  ReadRunView,
  SaveConfigResponse,
  SpecView,
} from '../api/types.js';
import { ConfigStore } from '../config/config-store.js';
import { previewTemplate } from '../manifest/interpolation-preview.js';
import { manifestIssues } from '../manifest/manifest-check.js';
import { CONFIG_FILE, type Project, projectView } from '../project/project.js';
import { readablePath, writablePath } from '../project/safe-path.js';
import type { Job, JobResult } from '../runs/job.js';
import { JobFailure, type JobRun, runJob } from '../runs/job-runner.js';
import { readJob } from '../runs/read-plan.js';
import { RunStore } from '../runs/run-store.js';
import { schemaReport } from '../schema/schema-report.js';
import type { EventStream } from '../server/event-stream.js';
import { HttpProblem } from '../server/http-io.js';
import { withOutput } from './output-logs.js';

export class StudioSession {
  readonly config: ConfigStore;
  readonly runs = new RunStore();
  private specCache: Promise<SpecView> | undefined;
  private currentRead: AbortController | undefined;

  constructor(
    readonly project: Project,
    private readonly events: EventStream,
  ) {
    this.config = new ConfigStore(project.folder, CONFIG_FILE);
  }

  projectView(): ProjectView {
    return projectView(this.project);
  }

  /** The connector's code changed: the next spec is read again. */
  codeChanged(): void {
    this.specCache = undefined;
  }

  spec(): Promise<SpecView> {
    this.specCache ??= this.job({ command: 'spec' })
      .then((run) => (run.result as Extract<JobResult, { command: 'spec' }>).view)
      .catch((error) => ({ schema: null, errors: [failureView(error)] }));
    return this.specCache;
  }

  async configView(): Promise<ConfigView> {
    return this.config.view(await this.specSchema());
  }

  async validateConfig(config: JsonObject): Promise<ConfigProblemView[]> {
    const run = await this.job({ command: 'validate', config: this.config.restoreSecrets(config) });
    return (run.result as Extract<JobResult, { command: 'validate' }>).problems;
  }

  /** Saves the config whatever its problems (a config is often saved half done); the answer lists them. */
  async saveConfig(config: JsonObject): Promise<SaveConfigResponse> {
    const restored = this.config.restoreSecrets(config);
    this.config.save(restored);
    const problems = await this.validateConfig(restored);
    return { saved: true, problems, view: await this.configView() };
  }

  async check(): Promise<CheckView> {
    try {
      const run = await this.job({ command: 'check', config: this.savedConfig() });
      return withOutput((run.result as Extract<JobResult, { command: 'check' }>).view, run.output);
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      return { status: 'ERROR', logs: [], errors: [failureView(error)], durationMs: 0 };
    }
  }

  async discover(): Promise<DiscoverView> {
    try {
      const run = await this.job({ command: 'discover', config: this.savedConfig() });
      return withOutput((run.result as Extract<JobResult, { command: 'discover' }>).view, run.output);
    } catch (error) {
      if (error instanceof HttpProblem) throw error;
      return { streams: [], logs: [], errors: [failureView(error)], durationMs: 0 };
    }
  }

  /** A test read; a read still running is stopped first (one read at a time). */
  async read(request: ReadRequest): Promise<ReadRunView> {
    const job = readJob(request, this.savedConfig(), this.runs);
    this.currentRead?.abort();
    const controller = new AbortController();
    this.currentRead = controller;
    const id = this.runs.newId();
    let run: JobRun;
    try {
      run = await runJob(this.project.target, job, {
        signal: controller.signal,
        onProgress: (counts) => this.events.send({ type: 'run-progress', run: id, ...counts }),
      });
    } catch (error) {
      if (error instanceof JobFailure && error.cancelled)
        throw new HttpProblem(409, 'the read was stopped (another read started, or it was cancelled)');
      throw error;
    } finally {
      if (this.currentRead === controller) this.currentRead = undefined;
    }
    const { bodies, declaredSchema, ...outcome } = (run.result as Extract<JobResult, { command: 'read' }>).outcome;
    const view: ReadRunView = { id, ...withOutput(outcome, run.output), schema: schemaReport(declaredSchema, outcome.records) };
    if (request.replay !== undefined) view.replay = request.replay;
    this.runs.add(view, bodies);
    return view;
  }

  cancelRead(): boolean {
    const running = this.currentRead !== undefined;
    this.currentRead?.abort();
    return running;
  }

  run(id: string): ReadRunView {
    const run = this.runs.get(id);
    if (run === undefined) throw new HttpProblem(404, `no run ${id}`);
    return run;
  }

  body(run: string, body: string): string {
    const text = this.runs.body(run, body);
    if (text === undefined) throw new HttpProblem(404, `no body ${body} in run ${run} (it was too large to keep, or the run is gone)`);
    return text;
  }

  /** Writes `schemas/<stream>.json` of a connector package. */
  writeSchema(stream: string, schema: JsonObject): { path: string } {
    if (this.project.kind !== 'connector')
      throw new HttpProblem(400, 'schemas are written for connector packages; copy it into the manifest');
    if (!/^[\w.-]+$/.test(stream) || stream.startsWith('.'))
      throw new HttpProblem(400, `'${stream}' is not a stream name a schema file can have`);
    const path = `schemas/${stream}.json`;
    writeFileSync(writablePath(this.project.folder, path), `${JSON.stringify(schema, null, 2)}\n`);
    return { path };
  }

  file(path: string): FileView {
    const full = readablePath(this.project.folder, path);
    try {
      return { path, text: readFileSync(full, 'utf8') };
    } catch {
      throw new HttpProblem(404, `${path}: no such file`);
    }
  }

  manifest(): ManifestView {
    const file = this.manifestFile();
    const text = readFileSync(file, 'utf8');
    return { file: this.projectView().manifest ?? file, text, issues: manifestIssues(text, file) };
  }

  validateManifest(text: string): ManifestValidation {
    return { issues: manifestIssues(text, this.manifestFile()) };
  }

  saveManifest(text: string): ManifestValidation {
    const file = this.manifestFile();
    writeFileSync(file, text);
    this.specCache = undefined;
    return { issues: manifestIssues(text, file), saved: true };
  }

  async interpolate(request: InterpolateRequest): Promise<InterpolateView> {
    if (typeof request.template !== 'string') throw new HttpProblem(400, 'give the template');
    const run = request.run === undefined ? this.runs.latest() : this.runs.get(request.run);
    return previewTemplate(request, {
      manifestText: readFileSync(this.manifestFile(), 'utf8'),
      config: this.config.read() ?? {},
      spec: await this.specSchema(),
      run,
      fullBody: (id) => (run === undefined ? undefined : this.runs.body(run.id, id)),
    });
  }

  private manifestFile(): string {
    if (this.project.manifestFile === undefined) throw new HttpProblem(400, 'Studio was started on a connector package, not a manifest');
    return this.project.manifestFile;
  }

  private savedConfig(): JsonObject {
    const config = this.config.read();
    if (config === null) throw new HttpProblem(400, `no config yet: fill in the form and save it (${CONFIG_FILE})`);
    return config;
  }

  private async specSchema(): Promise<JsonSchema | null> {
    return (await this.spec()).schema as JsonSchema | null;
  }

  private job(job: Job): Promise<JobRun> {
    return runJob(this.project.target, job);
  }
}

function failureView(error: unknown) {
  if (error instanceof JobFailure)
    return { message: error.message, failureType: 'system_error', ...(error.stackTrace ? { stackTrace: error.stackTrace } : {}) };
  return { message: error instanceof Error ? error.message : String(error), failureType: 'system_error' };
}
