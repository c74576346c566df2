/** The few docker CLI calls `tributary build` makes, through the `docker` command on PATH (or $DOCKER). */
import { spawn } from 'node:child_process';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DockerCallOptions {
  /** Written to the process's stdin. */
  input?: string;
  /** Stream the output to this process's stderr as well as collecting it. */
  echo?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function dockerCommand(): string {
  return process.env.DOCKER ?? 'docker';
}

/** Runs `docker <args>`; resolves with the exit code and output (never rejects on a non-zero exit). */
export function runDocker(args: readonly string[], options: DockerCallOptions = {}): Promise<DockerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(dockerCommand(), args, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(`'${dockerCommand()}' was not found: install Docker (or set $DOCKER)`) : error);
    });
    child.on('close', (code, signal) => {
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Like runDocker, but a non-zero exit is an error carrying docker's output. */
export async function docker(args: readonly string[], options: DockerCallOptions = {}): Promise<string> {
  const result = await runDocker(args, options);
  if (result.code !== 0) {
    const output = options.echo ? '' : `\n${result.stdout}${result.stderr}`.trimEnd();
    throw new Error(`docker ${args.join(' ')} failed with exit code ${result.code}${output}`);
  }
  return result.stdout;
}

/** The Docker engine's version, or undefined when no engine answers. */
export async function dockerServerVersion(): Promise<string | undefined> {
  try {
    const result = await runDocker(['version', '--format', '{{.Server.Version}}']);
    const version = result.stdout.trim();
    return result.code === 0 && version !== '' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an image exists locally. */
export async function imageExists(image: string): Promise<boolean> {
  return (await runDocker(['image', 'inspect', image])).code === 0;
}

/** The size of a local image in bytes, as `docker image inspect` reports it (all layers, uncompressed). */
export async function imageSize(image: string): Promise<number> {
  return Number((await docker(['image', 'inspect', '--format', '{{.Size}}', image])).trim());
}

export interface DockerBuildOptions {
  contextDir: string;
  tag: string;
  buildArgs?: Record<string, string>;
  /** Stream docker's build output to stderr. */
  echo?: boolean;
}

/**
 * `docker build --network none`: RUN steps get no network, so an image that builds here builds
 * anywhere offline. The base image must already be present locally or be pullable.
 */
export async function dockerBuild(options: DockerBuildOptions): Promise<void> {
  const args = ['build', '--network', 'none', '--tag', options.tag];
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
  args.push(options.contextDir);
  await docker(args, { echo: options.echo });
}

/** 12.3 MB (decimal units, as docker prints sizes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
