/**
 * Reads that crash: a connector's real `read` in a child process, killed (SIGKILL) right after it
 * wrote N records, and what it had written by then, as the platform would have seen it.
 */
import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import type { AirbyteMessage, AirbyteRecord, AirbyteStreamState } from '@tributary/cdk';
import { exitOf, type RunOptions, spawnNode, TSX_LOADER } from './run-cli.js';
import type { TempDir } from './temp-dir.js';

/** A STREAM state as the platform passes it back in the `--state` array. */
export interface StreamStateEntry {
  type: 'STREAM';
  stream: AirbyteStreamState;
}

export interface PartialRun {
  /** Every message written up to the kill (none after the record that triggered it). */
  messages: AirbyteMessage[];
  records: AirbyteRecord[];
  /** The last STATE of each stream before the kill. */
  states: Map<string, StreamStateEntry>;
  /** Records of each stream written after its last STATE (the only ones a resume may repeat). */
  uncommitted: Map<string, number>;
  /** True when the process exited 0 before it was killed. */
  completed: boolean;
  stderr: string;
}

/** Preloaded into the child to crash it right after its Nth record (see the file for why). */
const CRASH_PRELOAD = new URL('./crash-after-records.mjs', import.meta.url).href;

export interface KilledReadOptions extends RunOptions {
  /** Run a TypeScript script through the tsx loader (default) or plain JavaScript. */
  typescript?: boolean;
}

/**
 * Runs `node [--import tsx] <script> <args>`, crashing it (SIGKILL) right after it wrote its
 * `killAfter`th record; `Infinity` runs it to the end.
 */
export async function readKilledAfter(
  script: string,
  args: readonly string[],
  killAfter: number,
  options: KilledReadOptions = {},
): Promise<PartialRun> {
  const crashes = Number.isFinite(killAfter);
  const loader = options.typescript === false ? [] : ['--import', TSX_LOADER];
  const child = spawnNode(script, args, {
    ...options,
    env: { ...options.env, TRIBUTARY_TEST_CRASH_AFTER_RECORDS: crashes ? String(killAfter) : undefined },
    nodeArgs: [...loader, ...(crashes ? ['--import', CRASH_PRELOAD] : []), ...(options.nodeArgs ?? [])],
  });
  const run: PartialRun = { messages: [], records: [], states: new Map(), uncommitted: new Map(), completed: false, stderr: '' };
  child.stderr!.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString('utf8');
  });
  const exited = exitOf(child, options.timeoutMs);
  for await (const line of createInterface({ input: child.stdout! })) {
    const message = JSON.parse(line) as AirbyteMessage;
    run.messages.push(message);
    if (message.type === 'RECORD') {
      run.records.push(message.record);
      const name = message.record.stream;
      run.uncommitted.set(name, (run.uncommitted.get(name) ?? 0) + 1);
    } else if (message.type === 'STATE' && message.state.stream) {
      const stream = message.state.stream;
      run.states.set(stream.stream_descriptor.name, { type: 'STREAM', stream });
      run.uncommitted.set(stream.stream_descriptor.name, 0);
    }
  }
  const { code, signal } = await exited;
  run.completed = code === 0;
  if (!run.completed && !(signal === 'SIGKILL' && run.records.length === killAfter)) {
    assert.fail(
      `the read failed before the kill after ${killAfter} records (exit ${code ?? signal}, ${run.records.length} records):\n${run.stderr.slice(-3000)}`,
    );
  }
  return run;
}

/** The newest state of each stream over runs: what the platform would have committed. */
export function mergeStates(previous: readonly StreamStateEntry[], run: PartialRun): StreamStateEntry[] {
  const byStream = new Map(previous.map((entry) => [entry.stream.stream_descriptor.name, entry]));
  for (const [name, entry] of run.states) byStream.set(name, entry);
  return [...byStream.values()];
}

/** `--state <file>` arguments for a state array (none for an empty one). */
export async function stateArgs(dir: TempDir, states: readonly StreamStateEntry[]): Promise<string[]> {
  if (states.length === 0) return [];
  return ['--state', await dir.json(`state-${Math.random().toString(36).slice(2)}.json`, states)];
}
