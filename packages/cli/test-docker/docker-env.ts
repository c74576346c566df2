/**
 * Docker for the opt-in image tests: an engine that answers (installing Debian's docker.io and
 * starting dockerd when this machine can), and a local Node.js base image made without any
 * registry, by `docker import` of a root file system holding this machine's node binary, the
 * shared libraries it needs, a POSIX shell (for the platform's `eval "$AIRBYTE_ENTRYPOINT"`),
 * /etc/passwd with a non-root user and /tmp.
 */
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { docker, dockerServerVersion } from '../src/docker/docker-cli.js';

export type DockerAvailability =
  | { available: true; version: string; startedPid?: number; log: string[] }
  | { available: false; reason: string; log: string[] };

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

function run(command: string, args: string[], env?: NodeJS.ProcessEnv): SpawnSyncReturns<string> {
  return spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian's docker.io (engine and client) with apt-get, updating the package lists if the first try fails. */
function installDocker(log: string[]): string | undefined {
  if (!onPath('apt-get')) return 'dockerd is not installed and there is no apt-get to install it with';
  if (!isRoot()) return 'dockerd is not installed and installing it needs root';
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  log.push('installing docker.io with apt-get');
  let install = run('apt-get', ['install', '-y', '-qq', 'docker.io'], env);
  if (install.status !== 0) {
    run('apt-get', ['update', '-qq'], env);
    install = run('apt-get', ['install', '-y', '-qq', 'docker.io'], env);
  }
  if (install.status !== 0)
    return `apt-get install docker.io failed: ${(install.stderr || install.stdout).trim().split('\n').slice(-3).join(' | ')}`;
  return onPath('dockerd') ? undefined : 'apt-get installed docker.io, but dockerd is still not on PATH';
}

/**
 * A Docker engine to talk to: the running one, or dockerd started in the background (after
 * installing docker.io if needed). `available: false` only when docker cannot be had at all.
 */
export async function ensureDocker(): Promise<DockerAvailability> {
  const log: string[] = [];
  if (onPath('docker')) {
    const version = await dockerServerVersion();
    if (version !== undefined) return { available: true, version, log };
  }
  if (!onPath('dockerd') || !onPath('docker')) {
    const problem = installDocker(log);
    if (problem) return { available: false, reason: problem, log };
    const version = await dockerServerVersion();
    if (version !== undefined) return { available: true, version, log };
  }
  if (!isRoot()) return { available: false, reason: 'no Docker engine is running and starting dockerd needs root', log };
  const logFile = join(tmpdir(), `tributary-dockerd-${process.pid}.log`);
  const fd = openSync(logFile, 'a');
  log.push(`starting dockerd in the background (log: ${logFile})`);
  const daemon = spawn('dockerd', [], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  daemon.unref();
  let exited = false;
  daemon.on('exit', () => {
    exited = true;
  });
  for (let waited = 0; waited < 60_000 && !exited; waited += 500) {
    const version = await dockerServerVersion();
    if (version !== undefined) return { available: true, version, startedPid: daemon.pid, log };
    await sleep(500);
  }
  if (!exited && daemon.pid !== undefined) process.kill(daemon.pid, 'SIGTERM');
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n').slice(-5).join(' | ') : '';
  return { available: false, reason: `dockerd did not start within 60 s: ${tail}`, log };
}

/** Stops a dockerd this process started (by its pid), waiting for it to exit. */
export async function stopDockerd(pid: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let waited = 0; waited < 30_000; waited += 250) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(250);
  }
}

/** The shared libraries `ldd` lists for a binary, the dynamic loader included. */
function sharedLibraries(binary: string): string[] {
  const result = run('ldd', [binary]);
  if (result.status !== 0) throw new Error(`ldd ${binary} failed: ${result.stderr}`);
  const libraries: string[] = [];
  for (const line of result.stdout.split('\n')) {
    const linked = /=>\s+(\/\S+)/.exec(line);
    const loader = /^\s*(\/\S+)\s+\(/.exec(line);
    const path = linked?.[1] ?? loader?.[1];
    if (path) libraries.push(path);
  }
  return libraries;
}

function copyInto(root: string, from: string, to = from, mode?: number): void {
  const target = join(root, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(realpathSync(from), target);
  if (mode !== undefined) chmodSync(target, mode);
}

/**
 * Builds `tag` by `docker import` of a root file system with this machine's node (as
 * /usr/local/bin/node, where the official images have it), its shared libraries, /bin/sh, a
 * `node` user with uid and gid 1000 (as in the official images) and /tmp.
 */
export async function buildLocalNodeBaseImage(tag: string): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tributary-rootfs-'));
  const archive = `${root}.tar`;
  try {
    const node = realpathSync(process.execPath);
    const shell = realpathSync('/bin/sh');
    copyInto(root, node, '/usr/local/bin/node', 0o755);
    copyInto(root, shell, '/bin/sh', 0o755);
    for (const library of new Set([...sharedLibraries(node), ...sharedLibraries(shell)])) copyInto(root, library);
    mkdirSync(join(root, 'etc'), { recursive: true });
    writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n');
    writeFileSync(join(root, 'etc/group'), 'root:x:0:\nnode:x:1000:\n');
    for (const [dir, mode] of [
      ['tmp', 0o1777],
      ['root', 0o700],
      ['home/node', 0o755],
    ] as const) {
      mkdirSync(join(root, dir), { recursive: true });
      chmodSync(join(root, dir), mode);
    }
    const tar = run('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', archive, '.']);
    if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
    await docker([
      'import',
      '--change',
      'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change',
      'CMD ["node"]',
      '--message',
      `node ${process.version} from ${node}, for tributary's docker tests`,
      archive,
      tag,
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(archive, { force: true });
  }
}
