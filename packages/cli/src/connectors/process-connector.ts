/**
 * Any Airbyte source as a child process: a command (`--command "python main.py"`) or a Docker
 * image (`--image airbyte/source-faker:6.2.1`). Its inputs are JSON files in a temporary folder
 * (for an image, mounted at /config with the names the Airbyte platform uses); its stdout is
 * read as JSON lines (see message-lines.ts) and every message goes to the sink, with
 * backpressure: while the sink is busy, stdout is not read, so a fast connector blocks on its own
 * writes. The child runs in a process group of its own (see process-group.ts): stopping it stops
 * the shell wrapper and the connector under it together.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { AirbyteCatalog, ConnectorSpecification } from '@tributary/cdk';
import { signalExitCode } from '../exit-codes.js';
import { type Connector, failureFrom, type ReadRequest, type RunnerSink } from './connector.js';
import { MessageCollector } from './message-collector.js';
import { pumpMessages } from './message-lines.js';
import { ProcessGroup } from './process-group.js';

type Log = (level: string, message: string) => void;

interface InputFiles {
  config?: string;
  catalog?: string;
  state?: string;
}

/** How to start the connector for one command, given the input files on the host. */
interface Launcher {
  folderNames: { config: string; catalog: string; state: string };
  /** The files must be readable by another user (a container's non-root user). */
  shareFiles: boolean;
  argv(command: string, files: InputFiles, folder: string): { file: string; args: string[]; shell: boolean };
}

/** Lines of stderr kept to explain a failure that sent no TRACE error. */
const STDERR_LINES = 20;

/**
 * Any Airbyte source run as a child process (a command or a Docker image), read line by line from
 * its stdout.
 */
export class ProcessConnector implements Connector {
  private constructor(
    readonly name: string,
    readonly description: string,
    private readonly launcher: Launcher,
    private readonly log: Log,
  ) {}

  /** A command line, run by the shell with the Airbyte arguments appended. */
  static command(command: string, log: Log = () => {}): ProcessConnector {
    const launcher: Launcher = {
      folderNames: { config: 'config.json', catalog: 'catalog.json', state: 'state.json' },
      shareFiles: false,
      argv: (verb, files) => {
        const args = [verb, ...flag('--config', files.config), ...flag('--catalog', files.catalog), ...flag('--state', files.state)];
        return { file: `${command} ${args.map(shellQuote).join(' ')}`, args: [], shell: true };
      },
    };
    return new ProcessConnector(nameOfCommand(command), `command "${command}"`, launcher, log);
  }

  /** A connector image, run as `docker run -i --rm` with the input folder mounted at /config. */
  static image(image: string, log: Log = () => {}): ProcessConnector {
    const launcher: Launcher = {
      folderNames: { config: 'connectionConfiguration.json', catalog: 'source_catalog.json', state: 'input_state.json' },
      shareFiles: true,
      argv: (verb, files, folder) => {
        const inContainer = (file: string | undefined) => (file === undefined ? undefined : `/config/${basename(file)}`);
        const args = [
          'run',
          '-i',
          '--rm',
          '-v',
          `${folder}:/config`,
          image,
          verb,
          ...flag('--config', inContainer(files.config)),
          ...flag('--catalog', inContainer(files.catalog)),
          ...flag('--state', inContainer(files.state)),
        ];
        return { file: 'docker', args, shell: false };
      },
    };
    return new ProcessConnector(nameOfImage(image), `image ${image}`, launcher, log);
  }

  async spec(): Promise<ConnectorSpecification> {
    const collector = new MessageCollector(this.log);
    const { code, stderr } = await this.run('spec', {}, collector, new AbortController().signal);
    const spec = collector.messages.find((m) => m.type === 'SPEC');
    if (code !== 0 || spec?.type !== 'SPEC' || collector.rejection !== undefined) {
      const details = [
        collector.rejection ?? `exit code ${code}${spec ? '' : ', no SPEC message'}`,
        collector.skipped.describe(),
        stderr ? `stderr: ${stderr}` : undefined,
      ];
      throw failureFrom('spec', collector.errors, details.filter(Boolean).join('; '));
    }
    return spec.spec;
  }

  async discover(config: Record<string, unknown>, signal: AbortSignal): Promise<AirbyteCatalog> {
    const collector = new MessageCollector(this.log);
    const { code, stderr } = await this.run('discover', { config }, collector, signal);
    const catalog = collector.messages.find((m) => m.type === 'CATALOG');
    if (code !== 0 || catalog?.type !== 'CATALOG' || collector.rejection !== undefined) {
      const details = [collector.rejection ?? `exit code ${code}`, collector.skipped.describe(), stderr ? `stderr: ${stderr}` : undefined];
      throw failureFrom('discover', collector.errors, details.filter(Boolean).join('; '));
    }
    return catalog.catalog;
  }

  async read(request: ReadRequest, sink: RunnerSink, signal: AbortSignal): Promise<number> {
    const inputs: { config: unknown; catalog: unknown; state?: unknown } = { config: request.config, catalog: request.catalog };
    if (request.state.length > 0) inputs.state = request.state;
    const { code, stderr } = await this.run('read', inputs, sink, signal);
    if (code !== 0 && stderr) this.log('ERROR', `connector stderr (last lines):\n${stderr}`);
    return code;
  }

  private async run(
    verb: string,
    inputs: { config?: unknown; catalog?: unknown; state?: unknown },
    sink: RunnerSink,
    signal: AbortSignal,
  ): Promise<{ code: number; stderr: string }> {
    if (signal.aborted) return { code: signalExitCode('SIGTERM'), stderr: '' };
    const folder = mkdtempSync(join(tmpdir(), 'tributary-connector-'));
    try {
      const names = this.launcher.folderNames;
      const files: InputFiles = {};
      if (inputs.config !== undefined) files.config = write(folder, names.config, inputs.config);
      if (inputs.catalog !== undefined) files.catalog = write(folder, names.catalog, inputs.catalog);
      if (inputs.state !== undefined) files.state = write(folder, names.state, inputs.state);
      if (this.launcher.shareFiles) {
        // Connector images run as a non-root user; the folder is private to us otherwise.
        chmodSync(folder, 0o755);
        for (const file of Object.values(files)) chmodSync(file, 0o644);
      }
      const { file, args, shell } = this.launcher.argv(verb, files, folder);
      const group = ProcessGroup.spawn(file, args, shell);
      const { child } = group;
      const stderr = new StderrTail(child.stderr);
      const exited = new Promise<number>((resolveExit, reject) => {
        child.once('error', reject);
        child.once('close', (code, sig) => resolveExit(code ?? (sig ? signalExitCode(sig) : 1)));
      });
      const stop = () => group.stop();
      signal.addEventListener('abort', stop, { once: true });
      try {
        await pumpMessages(child.stdout, sink, this.log, stop);
        const code = await exited;
        return { code, stderr: stderr.text() };
      } finally {
        signal.removeEventListener('abort', stop);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
}

/** The last lines of a connector's stderr, kept to explain a failure that sent no TRACE error. */
class StderrTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(stderr: Readable) {
    stderr.setEncoding('utf8');
    stderr.on('data', (text: string) => {
      const lines = (this.partial + text).split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) this.lines.push(line);
      this.lines.splice(0, Math.max(0, this.lines.length - STDERR_LINES));
    });
  }

  text(): string {
    return [...this.lines, ...(this.partial.trim() ? [this.partial] : [])].join('\n');
  }
}

function write(folder: string, name: string, value: unknown): string {
  const file = join(folder, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

function flag(name: string, value: string | undefined): string[] {
  return value === undefined ? [] : [name, value];
}

function shellQuote(text: string): string {
  return /^[\w./:=@-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

const INTERPRETERS = new Set([
  'node',
  'nodejs',
  'python',
  'python3',
  'bash',
  'sh',
  'npx',
  'env',
  'uv',
  'poetry',
  'run',
  'tsx',
  'deno',
  'bun',
]);
const GENERIC = new Set(['main', 'index', 'cli', 'run', 'source', 'dist', 'src', 'bin', 'build', 'lib', '.', '']);

/** `node connectors/source-faker/dist/main.js` → `source-faker`: the first meaningful name in the command. */
export function nameOfCommand(command: string): string {
  const words = command.split(/\s+/).filter((word) => word && !word.startsWith('-'));
  const program = words.find((word) => !INTERPRETERS.has(basename(word))) ?? words[0] ?? 'connector';
  let path = program;
  for (;;) {
    const name = basename(path, extname(path));
    if (!GENERIC.has(name)) return sanitize(name);
    const parent = dirname(path);
    if (parent === path || parent === '.' || parent === '/') return 'connector';
    path = parent;
  }
}

/** `airbyte/source-faker:6.2.1` → `source-faker`. */
export function nameOfImage(image: string): string {
  const withoutTag = image.replace(/[:@][^/]*$/, '');
  return sanitize(basename(withoutTag));
}

function sanitize(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'connector';
}
