/** Running declarative images and the same command on the host, and what their messages must agree on. */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const HOST_BIN = join(ROOT, 'packages/declarative/bin/source-declarative-manifest.js');
/** Where the input files are mounted in a container, read-only. */
export const MOUNT = '/config';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `source-declarative-manifest <args>` with node on this machine. */
export function hostBin(args: string[]): Run {
  const run = spawnSync(process.execPath, [HOST_BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/**
 * `docker run --rm -i --network <network> -v <inputs>:/config:ro [extra] <image> <args>`; the
 * network is the host's unless given (`none`, as the platform runs a connector without an API).
 */
export function runImage(image: string, inputs: string, args: string[], extra: string[] = [], network = 'host'): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn('docker', ['run', '--rm', '-i', '--network', network, '-v', `${inputs}:${MOUNT}:ro`, ...extra, image, ...args]);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolveRun({ code: code ?? 1, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }),
    );
    child.stdin.end();
  });
}

/** The messages of a run, with emitted_at, stack traces and input paths (host or container) made equal. */
export function messages(run: Run): Record<string, unknown>[] {
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line, (key, value) => (key === 'emitted_at' ? 0 : key === 'stack_trace' ? '<stack>' : value)));
}

/** The connection status of a `check`. */
export function statusOf(run: Run): string | undefined {
  const message = messages(run).find((entry) => entry.type === 'CONNECTION_STATUS') as { connectionStatus: { status: string } } | undefined;
  return message?.connectionStatus.status;
}

/** The first TRACE error of a run. */
export function errorOf(run: Run): { message: string; failure_type?: string } | undefined {
  for (const message of messages(run)) {
    const trace = message.trace as { type: string; error?: { message: string; failure_type?: string } } | undefined;
    if (trace?.type === 'ERROR') return trace.error;
  }
  return undefined;
}

export interface StreamSummary {
  /** Records in a canonical order: concurrent partitions interleave by timing. */
  records: string[];
  statuses: string[];
  finalState: unknown;
  /** The last STATE message, as the platform passes it back. */
  stateMessage: unknown;
}

/** Per stream, what a read must reproduce whatever the timing; messages of no stream in order, under '(no stream)'. */
export function byStream(all: Record<string, unknown>[]): Map<string, StreamSummary> {
  const summary = new Map<string, StreamSummary>();
  const of = (name: string) => {
    if (!summary.has(name)) summary.set(name, { records: [], statuses: [], finalState: undefined, stateMessage: undefined });
    return summary.get(name)!;
  };
  const other: string[] = [];
  for (const message of all) {
    const record = message.record as { stream: string } | undefined;
    const state = message.state as { stream?: { stream_descriptor: { name: string }; stream_state: unknown } } | undefined;
    const trace = message.trace as { stream_status?: { stream_descriptor: { name: string }; status: string } } | undefined;
    if (record) of(record.stream).records.push(JSON.stringify(record));
    else if (state?.stream)
      Object.assign(of(state.stream.stream_descriptor.name), { finalState: state.stream.stream_state, stateMessage: state });
    else if (trace?.stream_status) of(trace.stream_status.stream_descriptor.name).statuses.push(trace.stream_status.status);
    else if (message.type !== 'LOG') other.push(JSON.stringify(message));
  }
  for (const entry of summary.values()) entry.records.sort();
  summary.set('(no stream)', { records: other, statuses: [], finalState: undefined, stateMessage: undefined });
  return summary;
}
