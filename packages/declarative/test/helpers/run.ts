/** Runs commands of a declarative source: in this process (through the CDK's `invoke`) or as the real bin. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { AirbyteMessage, Source } from '@tributary/cdk';
import { type InvokeRequest, invoke, type MessageSink } from '@tributary/cdk/runtime';
import { REPO_ROOT } from './corpus.js';

export const BIN = resolve(REPO_ROOT, 'packages/declarative/bin/source-declarative-manifest.js');

export interface CommandResult {
  code: number;
  messages: AirbyteMessage[];
  stderr?: string;
}

/** The messages of one command, each as it would be parsed from its JSON line (records with `emitted_at` 0). */
export async function runInProcess<Config>(source: Source<Config>, request: InvokeRequest): Promise<CommandResult> {
  const messages: AirbyteMessage[] = [];
  const sink: MessageSink = {
    writeMessage: (message) => messages.push(JSON.parse(JSON.stringify(message)) as AirbyteMessage),
    recordWriter: (stream) => (data) => {
      const namespace = stream.namespace === undefined ? {} : { namespace: stream.namespace };
      messages.push({
        type: 'RECORD',
        record: { stream: stream.name, ...namespace, data: JSON.parse(JSON.stringify(data)), emitted_at: 0 },
      });
      return false;
    },
    drain: async () => {},
    isClosed: false,
  };
  const code = await invoke(source, request, sink);
  return { code, messages };
}

/** Runs `source-declarative-manifest <args>` as a child process; stdout must be JSON lines only. */
export function runBin(args: string[]): Promise<CommandResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', fail);
    child.on('close', (code) => {
      try {
        const messages = stdout
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => JSON.parse(line) as AirbyteMessage);
        done({ code: code ?? 1, messages, stderr });
      } catch (error) {
        fail(new Error(`stdout has a line that is not JSON: ${String(error)}\n${stdout.slice(0, 2000)}`));
      }
    });
  });
}

export function only<T extends AirbyteMessage['type']>(result: CommandResult, type: T): Extract<AirbyteMessage, { type: T }>[] {
  return result.messages.filter((message): message is Extract<AirbyteMessage, { type: T }> => message.type === type);
}

/** The error TRACE of a result (there must be one). */
export function errorTrace(result: CommandResult): { message: string; failure_type?: string } {
  const trace = only(result, 'TRACE').find((message) => message.trace.type === 'ERROR');
  if (trace === undefined || trace.trace.error === undefined)
    throw new Error(`no error TRACE in ${JSON.stringify(result.messages).slice(0, 1000)}`);
  return trace.trace.error as { message: string; failure_type?: string };
}
