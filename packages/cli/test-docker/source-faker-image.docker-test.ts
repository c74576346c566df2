/**
 * `npm run test:docker`: the source-faker image, built by `tributary build` on a local base image
 * (no registry), run the way the Airbyte platform runs a connector: `docker run --rm -i
 * --network none` with the config, catalog and state mounted read-only under /config. Every
 * command's output must equal (emitted_at aside) the same command run with node on this machine.
 *
 * Not part of `npm test` (the file name does not end in .test.ts). When docker cannot be had at all
 * (no engine, and none can be installed or started), every test is skipped with the reason.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { type BuildImageResult, buildConnectorImage } from '../src/commands/build-image.js';
import { docker, formatBytes, runDocker } from '../src/docker/docker-cli.js';
import { APP_DIR, BUILD_STAGE_LABEL, WORK_DIR } from '../src/docker/dockerfile.js';
import { buildLocalNodeBaseImage, ensureDocker, stopDockerd } from './docker-env.js';
import { MOUNT, type Run, runImage } from './image-runs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FAKER_DIR = join(ROOT, 'connectors/source-faker');
const FAKER_MAIN = join(FAKER_DIR, 'dist/main.js');
const BASE_IMAGE = 'tributary-test/node-base:20';
const IMAGE = 'tributary-test/source-faker:docker-test';

const docker_ = await ensureDocker();
for (const line of docker_.log) console.log(`# ${line}`);
const skip = docker_.available ? false : `SKIP: docker cannot be had on this machine (${docker_.reason})`;
if (skip) console.log(skip);

/** The protocol messages of a run, emitted_at and stack traces (which name file paths) removed. */
function messages(run: Run, hostDir?: string): Record<string, unknown>[] {
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  return lines.map((line) => {
    const text = hostDir ? line.split(hostDir).join(MOUNT) : line;
    return JSON.parse(text, (key, value) => (key === 'emitted_at' ? 0 : key === 'stack_trace' ? '<stack>' : value));
  });
}

interface StreamSummary {
  /** Records in a canonical order: concurrent slices interleave by timing. */
  records: string[];
  statuses: string[];
  finalState: unknown;
}

/**
 * What a concurrent read must reproduce whatever the timing: per stream, the records (as a
 * set), the status sequence and the final state; the messages of no stream (logs, errors) in order.
 */
function byStream(all: Record<string, unknown>[]): Map<string, StreamSummary> {
  const summary = new Map<string, StreamSummary>();
  const of = (name: string) => {
    let entry = summary.get(name);
    if (!entry) {
      entry = { records: [], statuses: [], finalState: undefined };
      summary.set(name, entry);
    }
    return entry;
  };
  const other: string[] = [];
  for (const message of all) {
    const record = message.record as { stream: string } | undefined;
    const state = message.state as { stream?: { stream_descriptor: { name: string }; stream_state: unknown } } | undefined;
    const status = (message.trace as { stream_status?: { stream_descriptor: { name: string }; status: string } } | undefined)
      ?.stream_status;
    if (record) of(record.stream).records.push(JSON.stringify(record));
    else if (state?.stream) of(state.stream.stream_descriptor.name).finalState = state.stream.stream_state;
    else if (status) of(status.stream_descriptor.name).statuses.push(status.status);
    else other.push(JSON.stringify(message));
  }
  for (const entry of summary.values()) entry.records.sort();
  summary.set('(no stream)', { records: other, statuses: [], finalState: undefined });
  return summary;
}

function runOnHost(args: string[]): Run {
  const run = spawnSync(process.execPath, [FAKER_MAIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** The image, as the platform runs a connector: no network, the inputs mounted read-only. */
function runInImage(inputs: string, args: string[], extra: string[] = []): Promise<Run> {
  return runImage(IMAGE, inputs, args, extra, 'none');
}

/** Host and container arguments for the same files: `<dir>/<name>` on the host, `/config/<name>` in the container. */
function paths(dir: string, args: string[]): { host: string[]; image: string[] } {
  return {
    host: args.map((arg) => (arg.startsWith('@') ? join(dir, arg.slice(1)) : arg)),
    image: args.map((arg) => (arg.startsWith('@') ? `${MOUNT}/${arg.slice(1)}` : arg)),
  };
}

describe('the source-faker image on the Airbyte platform contract', { skip }, () => {
  let inputs: string;
  let built: BuildImageResult;
  let catalog: { streams: { name: string; supported_sync_modes: string[] }[] };

  /** Runs `args` (`@name` = an input file) on the host and in the image; both outputs, compared. */
  async function same(args: string[]): Promise<{ host: Run; image: Run }> {
    const { host: hostArgs, image: imageArgs } = paths(inputs, args);
    const host = runOnHost(hostArgs);
    const image = await runInImage(inputs, imageArgs);
    assert.equal(image.code, host.code, `exit code of ${args[0]}: ${image.stderr}`);
    assert.equal(image.stderr, host.stderr);
    assert.deepEqual(messages(image), messages(host, inputs), `output of ${args.join(' ')}`);
    return { host, image };
  }

  function write(name: string, content: unknown): void {
    const file = join(inputs, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    chmodSync(file, 0o644);
  }

  before(async () => {
    await buildLocalNodeBaseImage(BASE_IMAGE);
    built = await buildConnectorImage({ connector: FAKER_DIR, tag: IMAGE, baseImage: BASE_IMAGE, log: (line) => console.log(`# ${line}`) });
    // The platform's files: readable by the connector's non-root user, mounted read-only.
    inputs = mkdtempSync(join(tmpdir(), 'tributary-docker-inputs-'));
    chmodSync(inputs, 0o755);
    // Concurrency 1 makes the order of a read's messages deterministic, so outputs compare exactly;
    // config-concurrent.json keeps the default concurrency (4), whose interleaving depends on timing.
    write('config.json', { count: 300, seed: 7, records_per_slice: 50, clock: '2024-01-01T04:00:00Z', _concurrency: 1 });
    write('config-later.json', { count: 300, seed: 7, records_per_slice: 50, _concurrency: 1 });
    write('config-concurrent.json', { count: 300, seed: 7, records_per_slice: 50, clock: '2024-01-01T04:00:00Z' });
    write('bad-config.json', { count: 0, seed: 'seven' });
    write('broken-config.json', '{"count": 3,');
    const discovered = runOnHost(['discover', '--config', join(inputs, 'config.json')]);
    catalog = (messages(discovered)[0] as { catalog: typeof catalog }).catalog;
    write('catalog.json', {
      streams: catalog.streams.map((stream) => ({
        stream,
        sync_mode: stream.supported_sync_modes.includes('incremental') ? 'incremental' : 'full_refresh',
        destination_sync_mode: 'append',
      })),
    });
  });

  after(async () => {
    if (inputs) rmSync(inputs, { recursive: true, force: true });
    await runDocker(['image', 'rm', '--force', IMAGE, BASE_IMAGE]);
    // The legacy builder keeps the first stage as an untagged image; only ours carry this label.
    await runDocker(['image', 'prune', '--force', '--filter', `label=${BUILD_STAGE_LABEL}`]);
    if (docker_.available && docker_.startedPid !== undefined) await stopDockerd(docker_.startedPid);
  });

  test('the image: entrypoint, AIRBYTE_ENTRYPOINT, labels, non-root user, size', async (t) => {
    const [config] = JSON.parse(await docker(['image', 'inspect', IMAGE])) as {
      Config: { Entrypoint: string[]; Env: string[]; Labels: Record<string, string>; User: string; WorkingDir: string };
    }[];
    const env = Object.fromEntries(
      config!.Config.Env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
    );
    assert.deepEqual(config!.Config.Entrypoint, ['node', `${APP_DIR}/dist/main.js`]);
    assert.equal(env.AIRBYTE_ENTRYPOINT, config!.Config.Entrypoint.join(' '));
    assert.equal(config!.Config.Labels['io.airbyte.name'], 'tributary-test/source-faker');
    assert.equal(config!.Config.Labels['io.airbyte.version'], 'docker-test');
    assert.equal(config!.Config.User, '1000:1000');
    assert.equal(config!.Config.WorkingDir, WORK_DIR);
    assert.ok(built.imageSize! > built.baseImageSize!);
    t.diagnostic(
      `image ${IMAGE}: ${formatBytes(built.imageSize!)} = base ${formatBytes(built.baseImageSize!)} + connector ` +
        `${formatBytes(built.imageSize! - built.baseImageSize!)} (bundle: ${built.bundle.packages.length} packages, ${formatBytes(built.bundle.bytes)})`,
    );
  });

  test('the connector runs as a non-root user, in a writable working folder, with read-only code', async () => {
    const probe = [
      "const fs = require('node:fs');",
      "const canWrite = (file) => { try { fs.writeFileSync(file, 'x'); fs.rmSync(file); return true; } catch (error) { return error.code; } };",
      'console.log(JSON.stringify({ uid: process.getuid(), gid: process.getgid(), cwd: process.cwd(), home: process.env.HOME,',
      `  work: canWrite('probe.txt'), tmp: canWrite('/tmp/probe.txt'), code: canWrite('${APP_DIR}/probe.txt') }));`,
    ].join('\n');
    const run = await runInImage(inputs, ['-e', probe], ['--entrypoint', 'node']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), {
      uid: 1000,
      gid: 1000,
      cwd: WORK_DIR,
      home: WORK_DIR,
      work: true,
      tmp: true,
      code: 'EACCES',
    });
  });

  test('spec', async () => {
    const { image } = await same(['spec']);
    assert.equal(messages(image)[0]?.type, 'SPEC');
  });

  test('spec through a shell and $AIRBYTE_ENTRYPOINT, as the Kubernetes launcher runs it', async () => {
    const viaShell = await runInImage(inputs, ['-c', 'eval "$AIRBYTE_ENTRYPOINT" "$@"', 'sh', 'spec'], ['--entrypoint', '/bin/sh']);
    assert.equal(viaShell.code, 0, viaShell.stderr);
    assert.deepEqual(messages(viaShell), messages(runOnHost(['spec'])));
  });

  test('check, with a good and a bad config (FAILED status, exit 0)', async () => {
    const good = await same(['check', '--config', '@config.json']);
    assert.equal((messages(good.image).at(-1) as { connectionStatus: { status: string } }).connectionStatus.status, 'SUCCEEDED');
    const bad = await same(['check', '--config', '@bad-config.json']);
    assert.equal((messages(bad.image).at(-1) as { connectionStatus: { status: string } }).connectionStatus.status, 'FAILED');
  });

  test('discover', async () => {
    const { image } = await same(['discover', '--config', '@config.json']);
    assert.deepEqual(
      (messages(image)[0] as { catalog: typeof catalog }).catalog.streams.map((stream) => stream.name),
      ['users', 'products', 'purchases'],
    );
  });

  let finalState: unknown[] = [];
  test('read (one slice at a time: the same messages in the same order)', async () => {
    const { image } = await same(['read', '--config', '@config.json', '--catalog', '@catalog.json']);
    const all = messages(image);
    const records = all.filter((message) => message.type === 'RECORD');
    assert.ok(records.length > 300, `${records.length} records`);
    // The last state of each stream: what the platform would pass to the next sync.
    const last = new Map<string, unknown>();
    for (const message of all) {
      const state = message.state as { stream?: { stream_descriptor: { name: string } } } | undefined;
      if (message.type === 'STATE' && state?.stream)
        last.set(state.stream.stream_descriptor.name, { type: 'STREAM', stream: state.stream });
    }
    finalState = [...last.values()];
    assert.equal(finalState.length, 3);
  });

  test('read at the default concurrency: per stream, the same records, statuses and final state', async () => {
    const args = paths(inputs, ['read', '--config', '@config-concurrent.json', '--catalog', '@catalog.json']);
    const host = runOnHost(args.host);
    const image = await runInImage(inputs, args.image);
    assert.equal(image.code, 0, image.stderr);
    assert.equal(image.code, host.code);
    const imageSummary = byStream(messages(image));
    assert.deepEqual(imageSummary, byStream(messages(host)));
    // And the same records as the read one slice at a time.
    const sequential = byStream(
      messages(runOnHost(paths(inputs, ['read', '--config', '@config.json', '--catalog', '@catalog.json']).host)),
    );
    for (const name of ['users', 'products', 'purchases']) {
      assert.ok(imageSummary.get(name)!.records.length > 0, name);
      assert.deepEqual(imageSummary.get(name)!.records, sequential.get(name)!.records, name);
    }
  });

  test('read with a state file: only what changed since', async () => {
    assert.ok(finalState.length > 0, 'needs the state of the read test');
    write('state.json', finalState);
    const { image } = await same(['read', '--config', '@config-later.json', '--catalog', '@catalog.json', '--state', '@state.json']);
    const records = messages(image).filter((message) => message.type === 'RECORD');
    const full = messages(
      runOnHost(['read', '--config', join(inputs, 'config-later.json'), '--catalog', join(inputs, 'catalog.json')]),
    ).filter((message) => message.type === 'RECORD');
    assert.ok(records.length > 0 && records.length < full.length, `${records.length} records with state, ${full.length} without`);
  });

  for (const [what, args, pattern] of [
    [
      'read with a config that breaks the spec',
      ['read', '--config', '@bad-config.json', '--catalog', '@catalog.json'],
      /config\.count must be >= 1/,
    ],
    [
      'discover with a config that is not JSON',
      ['discover', '--config', '@broken-config.json'],
      /config file '\/config\/broken-config\.json' is not valid JSON/,
    ],
  ] as const) {
    test(`${what}: a TRACE config_error and a non-zero exit`, async () => {
      const { image } = await same([...args]);
      assert.notEqual(image.code, 0);
      const trace = messages(image).at(-1) as { type: string; trace: { type: string; error: { message: string; failure_type: string } } };
      assert.equal(trace.type, 'TRACE');
      assert.equal(trace.trace.type, 'ERROR');
      assert.equal(trace.trace.error.failure_type, 'config_error');
      assert.match(trace.trace.error.message, pattern);
    });
  }
});
