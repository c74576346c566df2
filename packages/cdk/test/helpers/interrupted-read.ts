/**
 * Reads that crash: a connector's real `read` in a child process, killed (SIGKILL) once it has
 * written N records, and what it had written by then, as the platform would have seen it.
 */
import assert from 'node:assert/strict';
import { createInterface } from 'node:readline';
import type { AirbyteMessage, AirbyteRecord, AirbyteStreamState } from '../../src/protocol/types.js';
import { type RunOptions, spawnNode, type TempDir, TSX_LOADER } from './run-cli.js';

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

/** Runs `node --import tsx <script> <args>` and kills it once `killAfter` records were read. */
export async function readKilledAfter(
  script: string,
  args: readonly string[],
  killAfter: number,
  options: RunOptions = {},
): Promise<PartialRun> {
  const child = spawnNode(script, args, { ...options, nodeArgs: ['--import', TSX_LOADER, ...(options.nodeArgs ?? [])] });
  const run: PartialRun = { messages: [], records: [], states: new Map(), uncommitted: new Map(), completed: false, stderr: '' };
  child.stderr!.on('data', (chunk: Buffer) => {
    run.stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  for await (const line of createInterface({ input: child.stdout! })) {
    if (run.records.length >= killAfter) continue;
    const message = JSON.parse(line) as AirbyteMessage;
    run.messages.push(message);
    if (message.type === 'RECORD') {
      run.records.push(message.record);
      const name = message.record.stream;
      run.uncommitted.set(name, (run.uncommitted.get(name) ?? 0) + 1);
      if (run.records.length >= killAfter) child.kill('SIGKILL');
    } else if (message.type === 'STATE' && message.state.stream) {
      const stream = message.state.stream;
      run.states.set(stream.stream_descriptor.name, { type: 'STREAM', stream });
      run.uncommitted.set(stream.stream_descriptor.name, 0);
    }
  }
  child.kill('SIGKILL');
  const code = await exited;
  run.completed = code === 0;
  if (!run.completed && run.records.length < killAfter) {
    assert.fail(`the read failed before the kill (exit ${code}):\n${run.stderr.slice(-3000)}`);
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
