import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Agent, type Dispatcher } from 'undici';
import { registerSecret } from '../index.js';
import { describeRequest, type SeenRequest } from './http-request.js';
import { claimDefaultDispatcher, MockTransport, refusal, type TransportReply } from './mock-transport.js';
import { type Exchange, type RecordedResponse, RecordingDispatcher } from './recording-dispatcher.js';
import { redactBody, redactHeaders, redactRequestUrl } from './redaction.js';

/** One recorded request and its response, secrets redacted. */
export interface Interaction {
  request: { method: string; url: string; headers?: Record<string, string>; json?: unknown; body?: string };
  response: { status: number; headers?: Record<string, string>; json?: unknown; body?: string; base64?: string };
}

/** A fixture file. */
export interface FixtureFile {
  /** Format version (1). */
  version: 1;
  note?: string;
  interactions: Interaction[];
}

/** Whether a fixture talks to the real API and saves what it saw, or answers from the file. */
export type FixtureMode = 'record' | 'replay';

/** How a fixture records and replays. */
export interface HttpFixtureOptions {
  /**
   * `record` sends requests to the real API and saves them; `replay` (default) serves them from
   * the file with no network. Default from `TRIBUTARY_RECORD`: `1`/`true` records every fixture,
   * any other text records the fixtures whose path contains it.
   */
  mode?: FixtureMode;
  /** Replay: an interaction may answer any number of times (default false: each once, in order). */
  reuse?: boolean;
  /** Replay: do not fail `done()` for interactions never requested. */
  allowUnused?: boolean;
  /** Query parameters left out when requests are matched (values that change every run, like `since=<now>`). */
  ignoreQueryParams?: readonly string[];
  /** Record: more values to redact (spec secrets and registered tokens already are). */
  secrets?: readonly string[];
  /** Record: a note stored in the file (where it was recorded from, how to re-record). */
  note?: string;
}

/**
 * Record/replay of HTTP traffic. In `record` mode requests go to the real API through a
 * recording dispatcher and `done()` writes them to `file` with every secret redacted: spec
 * secrets and tokens (the CDK's secret masker), `Authorization`-like headers, secret-looking
 * query parameters and JSON/form fields. In `replay` mode the file answers every request
 * offline; a request it has no answer for fails at once (HTTP 400) and `done()` reports it, and
 * an interaction never requested fails `done()` too.
 *
 * Requests are matched on method, URL (redacted the same way, so a test config with a dummy
 * secret matches a recording made with the real one; query order ignored) and body.
 */
export class HttpFixture {
  readonly mode: FixtureMode;
  readonly file: string;
  /** Replay: the recorded interactions. Record: those recorded so far (redacted at `done()`). */
  readonly interactions: Interaction[] = [];
  /** Replay: requests the file had no answer for (URL and headers redacted). */
  readonly unexpected: SeenRequest[] = [];
  private readonly exchanges: Exchange[] = [];
  private readonly uses: number[] = [];
  private readonly close: () => Promise<void>;
  private closed = false;

  constructor(
    file: string | URL,
    private readonly options: HttpFixtureOptions = {},
  ) {
    this.file = file instanceof URL ? fileURLToPath(file) : file;
    this.mode = options.mode ?? modeFromEnvironment(this.file);
    for (const secret of options.secrets ?? []) registerSecret(secret);
    if (this.mode === 'record') {
      const agent = new Agent();
      // Requests that got no complete response (a refused connection) have nothing to replay.
      const recorder = new RecordingDispatcher(agent, (exchange) => {
        if (exchange.response !== undefined) this.exchanges.push(exchange);
      });
      const release = claimDefaultDispatcher(recorder as Dispatcher);
      this.close = async () => {
        release();
        await agent.close();
      };
    } else {
      if (!existsSync(this.file)) {
        throw new Error(`The HTTP fixture ${this.file} does not exist; record it against the real API with TRIBUTARY_RECORD=1`);
      }
      const content = JSON.parse(readFileSync(this.file, 'utf8')) as FixtureFile;
      if (content.version !== 1 || !Array.isArray(content.interactions))
        throw new Error(`${this.file} is not a Tributary HTTP fixture (version 1)`);
      this.interactions.push(...content.interactions);
      this.uses.push(...content.interactions.map(() => 0));
      const transport = MockTransport.install((request) => this.replay(request));
      this.close = () => transport.uninstall();
    }
  }

  /**
   * Ends the fixture: restores the default dispatcher; in record mode writes the file, in
   * replay mode throws when a request had no recorded answer or a recorded one was never asked.
   */
  async done(): Promise<void> {
    await this.stop();
    if (this.mode === 'record') {
      this.interactions.push(...this.exchanges.map(toInteraction));
      const content: FixtureFile = {
        version: 1,
        ...(this.options.note === undefined ? {} : { note: this.options.note }),
        interactions: this.interactions,
      };
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(this.file, `${JSON.stringify(content, null, 2)}\n`);
      return;
    }
    const problems = this.unexpected.map((request) => `no recorded answer for ${describeRequest(request)}`);
    if (!this.options.allowUnused) {
      this.interactions.forEach((interaction, index) => {
        if (this.uses[index] === 0) problems.push(`recorded ${interaction.request.method} ${interaction.request.url} was never requested`);
      });
    }
    if (problems.length > 0) {
      throw new Error(
        `The HTTP fixture ${this.file} does not match the requests made (re-record it with TRIBUTARY_RECORD=1 if the API calls changed):\n  ${problems.join('\n  ')}`,
      );
    }
  }

  /** Restores the default dispatcher without writing or verifying (for cleanup after a failure). */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.close();
  }

  private replay(request: SeenRequest): TransportReply {
    const key = matchKey(request.method, redactRequestUrl(request.url), this.options.ignoreQueryParams);
    const body = liveBody(request);
    const candidates: number[] = [];
    this.interactions.forEach((interaction, index) => {
      const recorded = interaction.request;
      if (matchKey(recorded.method, recorded.url, this.options.ignoreQueryParams) !== key) return;
      if (!bodiesMatch(recorded, body)) return;
      candidates.push(index);
    });
    const fresh = candidates.find((index) => this.uses[index] === 0);
    const chosen =
      fresh ??
      (this.options.reuse && candidates.length > 0 ? candidates.reduce((a, b) => (this.uses[b]! < this.uses[a]! ? b : a)) : undefined);
    if (chosen === undefined) {
      // Kept redacted: these show up in test output.
      const shown: SeenRequest = { method: request.method, url: redactRequestUrl(request.url), headers: redactHeaders(request.headers) };
      this.unexpected.push(shown);
      return refusal(`Tributary HTTP fixture ${this.file}: no recorded answer for ${describeRequest(shown)}`);
    }
    this.uses[chosen]!++;
    return toReply(this.interactions[chosen]!.response);
  }
}

/** Starts recording or replaying `file` (see `HttpFixture`); call `done()` when the test is over. */
export function useHttpFixture(file: string | URL, options: HttpFixtureOptions = {}): HttpFixture {
  return new HttpFixture(file, options);
}

function modeFromEnvironment(file: string): FixtureMode {
  const flag = process.env.TRIBUTARY_RECORD?.trim();
  if (!flag || flag === '0' || flag.toLowerCase() === 'false') return 'replay';
  if (['1', 'true', 'yes', 'all'].includes(flag.toLowerCase())) return 'record';
  return file.includes(flag) ? 'record' : 'replay';
}

/** Request headers worth keeping in a fixture (the rest are transport noise). */
const NOISE_HEADERS = new Set(['accept', 'accept-encoding', 'accept-language', 'sec-fetch-mode', 'content-length', 'connection', 'host']);
/** Response headers that describe the transfer, not the response. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

function toInteraction(exchange: Exchange): Interaction {
  const request = exchange.request;
  const recorded = exchange.response as RecordedResponse;
  const requestHeaders = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !NOISE_HEADERS.has(name)));
  const recordedRequest: Interaction['request'] = {
    method: request.method,
    url: redactRequestUrl(request.url),
    headers: redactHeaders(requestHeaders),
  };
  if (request.body !== undefined) Object.assign(recordedRequest, redactBody(request.body, request.headers['content-type']));
  const responseHeaders = redactHeaders(
    Object.fromEntries(Object.entries(recorded.headers).filter(([name]) => !TRANSFER_HEADERS.has(name))),
  );
  const response: Interaction['response'] = { status: recorded.status, headers: responseHeaders };
  const text = recorded.body.toString('utf8');
  if (recorded.body.length === 0) {
    // No body.
  } else if (Buffer.from(text, 'utf8').equals(recorded.body)) Object.assign(response, redactBody(text, recorded.headers['content-type']));
  else response.base64 = recorded.body.toString('base64');
  return { request: recordedRequest, response };
}

function toReply(response: Interaction['response']): TransportReply {
  let body: string | Uint8Array | undefined;
  if (response.json !== undefined) body = JSON.stringify(response.json);
  else if (response.body !== undefined) body = response.body;
  else if (response.base64 !== undefined) body = Buffer.from(response.base64, 'base64');
  return { status: response.status, headers: { ...(response.headers ?? {}) }, body };
}

/** Method and URL, query sorted and ignored parameters left out. */
function matchKey(method: string, url: string, ignored: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${method.toUpperCase()} ${url}`;
  }
  const params = [...parsed.searchParams].filter(([name]) => !ignored.includes(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parsed.search = '';
  const query = new URLSearchParams(params).toString().replaceAll('%2A%2A%2A%2A', '****');
  return `${method.toUpperCase()} ${parsed.toString()}${query === '' ? '' : `?${query}`}`;
}

type LiveBody = { json: unknown } | { body: string } | undefined;

function liveBody(request: SeenRequest): LiveBody {
  if (request.body === undefined) return undefined;
  return redactBody(request.body, request.headers['content-type']);
}

function bodiesMatch(recorded: Interaction['request'], live: LiveBody): boolean {
  if (recorded.json === undefined && recorded.body === undefined) return live === undefined || ('body' in live && live.body === '');
  if (live === undefined) return false;
  if (recorded.json !== undefined) return 'json' in live && isDeepStrictEqual(live.json, recorded.json);
  return 'body' in live && live.body === recorded.body;
}
