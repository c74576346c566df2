/**
 * The read tests' kit, in the style of the Python CDK's unit tests: a real HTTP API on 127.0.0.1
 * (the test-support FaultServer, one per test file), small inline manifests whose requesters
 * point at it through `config.base_url`, and a manifest run through `check` and `read` in this
 * process (the CDK test kit's runners) or through the real `source-declarative-manifest` bin.
 */
import type { AirbyteMessage, AirbyteState, SyncMode } from '@tributary/cdk';
import { type CheckResult, check, configuredCatalog, discover, type ReadResult, read } from '@tributary/cdk/testing';
import { type FaultServer, type Handler, type RecordedRequest, useFaultServer } from '@tributary/test-support/fault-server';
import { TempDir } from '@tributary/test-support/temp-dir';
import { loadManifestText } from '../../src/manifest/load-manifest.js';
import { DeclarativeSource } from '../../src/source/declarative-source.js';
import { type CommandResult, runBin } from '../helpers/run.js';

export { reply, sendJson } from '@tributary/test-support/fault-server';
export type { FaultServer, Handler, RecordedRequest };

/** Removes the common indentation of a template literal, so manifests can be written indented. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = Math.min(...indents);
  return lines.map((line) => line.slice(common)).join('\n');
}

/** Indents every line of `text` by `spaces`. */
function indent(text: string, spaces: number): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : ' '.repeat(spaces) + line))
    .join('\n');
}

/**
 * A whole manifest around `streams` (YAML list items). `#/definitions/requester` is an
 * HttpRequester on `config.base_url`, `#/definitions/selector` takes the records under `data`,
 * `#/definitions/schema` is an open schema; `extra` adds top-level sections.
 */
export function manifest(streams: string, options: { check?: string[]; extra?: string; definitions?: string } = {}): string {
  const names = options.check ?? [/name: (\S+)/.exec(streams)?.[1] ?? 'items'];
  return `version: 6.44.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: ${JSON.stringify(names)}
definitions:
  requester:
    type: HttpRequester
    url_base: "{{ config['base_url'] }}"
    http_method: GET
  selector:
    type: RecordSelector
    extractor:
      type: DpathExtractor
      field_path: [data]
  schema:
    type: InlineSchemaLoader
    schema:
      type: object
      properties: {}
${indent(options.definitions ?? '', 2)}
streams:
${indent(streams, 2)}
spec:
  type: Spec
  connection_specification:
    type: object
    properties:
      base_url: {type: string}
${options.extra ?? ''}`;
}

/** Extra YAML of a `stream()`: lines for its requester, its retriever and the stream itself. */
export interface StreamParts {
  requester?: string;
  /** The record selector's body (default: `$ref` to `#/definitions/selector`). */
  selector?: string;
  retriever?: string;
  stream?: string;
}

/** One stream on `#/definitions/requester` with `path`, and extra YAML for its parts. */
export function stream(name: string, path: string, parts: StreamParts = {}): string {
  return `- type: DeclarativeStream
  name: ${name}
  primary_key: [id]
  schema_loader:
    $ref: "#/definitions/schema"
  retriever:
    type: SimpleRetriever
    requester:
      $ref: "#/definitions/requester"
      path: ${path}
${indent(parts.requester ?? '', 6)}
    record_selector:
${indent(parts.selector ?? '$ref: "#/definitions/selector"', 6)}
${indent(parts.retriever ?? '', 4)}
${indent(parts.stream ?? '', 2)}`;
}

/** A `stream()` as a named definition (for `#/definitions/<name>`, a parent stream say). */
export function definition(name: string, streamItem: string): string {
  return `${name}:\n${streamItem.replace(/^- /, '  ')}`;
}

/** The API for one test file (started before its tests, its request log cleared before each). */
export function useApi(): { readonly server: FaultServer; readonly url: string } {
  let server: FaultServer | undefined;
  useFaultServer((started) => {
    server = started;
  });
  return {
    get server() {
      return server!;
    },
    get url() {
      return server!.url;
    },
  };
}

export function sourceOf(text: string): DeclarativeSource {
  return new DeclarativeSource(loadManifestText(text));
}

export interface ReadOptions {
  config: Record<string, unknown>;
  streams?: string[];
  syncMode?: SyncMode;
  state?: AirbyteState[];
}

/** `read` in this process, the catalog from `discover` (every stream when none is named). */
export function readManifest(text: string, options: ReadOptions): Promise<ReadResult> {
  return read(sourceOf(text), { config: options.config, streams: options.streams, syncMode: options.syncMode, state: options.state });
}

export function checkManifest(text: string, config: Record<string, unknown>): Promise<CheckResult> {
  return check(sourceOf(text), { config });
}

/** `read` through the real `source-declarative-manifest` bin (`--manifest-path`), in a child process. */
export async function readWithBin(text: string, options: ReadOptions): Promise<CommandResult> {
  const discovered = await discover(sourceOf(text), { config: options.config });
  const catalog = configuredCatalog(discovered.catalog, options.streams, { syncMode: options.syncMode });
  const files: Record<string, unknown> = { 'manifest.yaml': text, 'config.json': options.config, 'catalog.json': catalog };
  if (options.state !== undefined) files['state.json'] = options.state;
  const dir = TempDir.withFiles(files, 'declarative-read-');
  try {
    const args = ['read', '--config', dir.file('config.json'), '--catalog', dir.file('catalog.json')];
    if (options.state !== undefined) args.push('--state', dir.file('state.json'));
    return await runBin([...args, '--manifest-path', dir.file('manifest.yaml')]);
  } finally {
    dir.removeSync();
  }
}

/** `check` through the real bin. */
export async function checkWithBin(text: string, config: Record<string, unknown>): Promise<CommandResult> {
  const dir = TempDir.withFiles({ 'manifest.yaml': text, 'config.json': config }, 'declarative-check-');
  try {
    return await runBin(['check', '--config', dir.file('config.json'), '--manifest-path', dir.file('manifest.yaml')]);
  } finally {
    dir.removeSync();
  }
}

/** The query of a recorded request as a plain object (the last value of a repeated name). */
export function queryOf(request: RecordedRequest): Record<string, string> {
  return Object.fromEntries(request.url.searchParams);
}

/** `METHOD /path?query` of each request, in order: what most tests compare. */
export function requestLines(requests: readonly RecordedRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.path}${request.url.search}`);
}

/** The data of the RECORD messages of a bin run. */
export function binRecords(result: CommandResult, stream?: string): Record<string, unknown>[] {
  return result.messages.flatMap((message: AirbyteMessage) =>
    message.type === 'RECORD' && (stream === undefined || message.record.stream === stream) ? [message.record.data] : [],
  );
}

/** The stream states of a bin run, in order. */
export function binStates(result: CommandResult): unknown[] {
  return result.messages.flatMap((message) => (message.type === 'STATE' ? [message.state.stream?.stream_state] : []));
}

/** A handler answering `{"data": items}` with items computed from the request. */
export function page(items: (context: Parameters<Handler>[0]) => unknown[], extra: Record<string, unknown> = {}): Handler {
  return (context) => {
    const body = JSON.stringify({ data: items(context), ...extra });
    context.res.writeHead(200, { 'content-type': 'application/json' });
    context.res.end(body);
  };
}
