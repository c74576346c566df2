/**
 * `npm run test:docker`, declarative part: the generic source-declarative-manifest image
 * (`tributary build --declarative`) and a manifest-only connector image (`tributary build
 * --manifest`), built on a local base image (no registry) and run the way the Airbyte platform
 * runs a connector: `docker run --rm -i` with the inputs mounted read-only under /config, and
 * through `eval "$AIRBYTE_ENTRYPOINT"` as its Kubernetes launcher does. Each command's messages
 * must equal those of `source-declarative-manifest` run with node on this machine. The images
 * read the loopback API of test/helpers/manifest-api.ts, so they run with `--network host`.
 *
 * Not part of `npm test`. When docker cannot be had at all, every test is skipped with the reason.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadYaml } from '@tributary/declarative';
import { type BuildImageResult, buildConnectorImage } from '../src/commands/build-image.js';
import { docker, runDocker } from '../src/docker/docker-cli.js';
import { APP_DIR, BUILD_STAGE_LABEL, WORK_DIR } from '../src/docker/dockerfile.js';
import {
  LOOPBACK_MANIFEST,
  LOOPBACK_MANIFEST_DIR,
  loopbackConfig,
  type ManifestApi,
  startManifestApi,
} from '../test/helpers/manifest-api.js';
import { buildLocalNodeBaseImage, ensureDocker, stopDockerd } from './docker-env.js';
import { byStream, errorOf, hostBin, MOUNT, messages, type Run, runImage, statusOf } from './image-runs.js';

const BASE_IMAGE = 'tributary-test/node-base-declarative:20';
const GENERIC = 'tributary-test/source-declarative-manifest:docker-test';
const MANIFEST_IMAGE = 'tributary-test/source-loopback:docker-test';
const DERIVED = 'tributary-test/source-loopback-derived:docker-test';

const docker_ = await ensureDocker();
for (const line of docker_.log) console.log(`# ${line}`);
const skip = docker_.available ? false : `SKIP: docker cannot be had on this machine (${docker_.reason})`;
if (skip) console.log(skip);

describe('declarative images on the Airbyte platform contract', { skip }, () => {
  let inputs: string;
  let api: ManifestApi;
  const built: BuildImageResult[] = [];
  const write = (name: string, value: unknown) => writeFileSync(join(inputs, name), JSON.stringify(value), { mode: 0o644 });
  /** `args` on the host (`@name` = an input file) and in `image`, with the same files; both runs. */
  async function same(image: string, args: string[], hostExtra: string[] = []): Promise<{ host: Run; image: Run }> {
    const host = hostBin([...args.map((arg) => (arg.startsWith('@') ? join(inputs, arg.slice(1)) : arg)), ...hostExtra]);
    const inImage = await runImage(
      image,
      inputs,
      args.map((arg) => (arg.startsWith('@') ? `${MOUNT}/${arg.slice(1)}` : arg)),
    );
    assert.equal(
      inImage.code,
      host.code,
      `exit codes differ\nimage: ${inImage.stdout}${inImage.stderr}\nhost: ${host.stdout}${host.stderr}`,
    );
    return { host, image: inImage };
  }

  before(async () => {
    inputs = mkdtempSync(join(tmpdir(), 'tributary-declarative-images-'));
    chmodSync(inputs, 0o755); // the connector runs as uid 1000 in the container
    api = await startManifestApi(12);
    await buildLocalNodeBaseImage(BASE_IMAGE);
    const log = (line: string) => console.log(`# ${line}`);
    built.push(await buildConnectorImage({ declarative: true, tag: GENERIC, baseImage: BASE_IMAGE, log }));
    built.push(await buildConnectorImage({ manifest: LOOPBACK_MANIFEST, tag: MANIFEST_IMAGE, baseImage: BASE_IMAGE, log }));
    const manifest = loadYaml(readFileSync(LOOPBACK_MANIFEST, 'utf8')) as { streams: Record<string, unknown>[] };
    const eventsSchema = JSON.parse(readFileSync(join(LOOPBACK_MANIFEST_DIR, 'schemas/events.json'), 'utf8'));
    manifest.streams[1]!.schema_loader = { type: 'InlineSchemaLoader', schema: eventsSchema };
    write('config.json', loopbackConfig(api));
    write('bad-key-config.json', loopbackConfig(api, { api_key: 'wrong-key-77e1' }));
    write('injected-config.json', { ...loopbackConfig(api), __injected_declarative_manifest: manifest });
    const catalog = messages(hostBin(['discover', '--config', join(inputs, 'config.json'), '--manifest-path', LOOPBACK_MANIFEST]))[0];
    const streams = (catalog as { catalog: { streams: { supported_sync_modes: string[] }[] } }).catalog.streams;
    write('catalog.json', {
      streams: streams.map((stream) => ({
        stream,
        sync_mode: stream.supported_sync_modes.includes('incremental') ? 'incremental' : 'full_refresh',
        destination_sync_mode: 'append',
      })),
    });
  });

  after(async () => {
    if (inputs) rmSync(inputs, { recursive: true, force: true });
    await api?.close();
    await runDocker(['image', 'rm', '--force', GENERIC, MANIFEST_IMAGE, DERIVED, BASE_IMAGE]);
    await runDocker(['image', 'prune', '--force', '--filter', `label=${BUILD_STAGE_LABEL}`]);
    if (docker_.available && docker_.startedPid !== undefined) await stopDockerd(docker_.startedPid);
  });

  test('both images: entrypoint, AIRBYTE_ENTRYPOINT, labels, non-root user, working folder', async () => {
    for (const [image, name, version] of [
      [GENERIC, 'tributary-test/source-declarative-manifest', 'docker-test'],
      [MANIFEST_IMAGE, 'tributary-test/source-loopback', 'docker-test'],
    ] as const) {
      const [config] = JSON.parse(await docker(['image', 'inspect', image])) as {
        Config: { Entrypoint: string[]; Env: string[]; Labels: Record<string, string>; User: string; WorkingDir: string };
      }[];
      const env = Object.fromEntries(
        config!.Config.Env.map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
      );
      assert.deepEqual(config!.Config.Entrypoint, ['node', `${APP_DIR}/bin/source-declarative-manifest.js`]);
      assert.equal(env.AIRBYTE_ENTRYPOINT, config!.Config.Entrypoint.join(' '));
      assert.deepEqual([config!.Config.Labels['io.airbyte.name'], config!.Config.Labels['io.airbyte.version']], [name, version]);
      assert.equal(config!.Config.User, '1000:1000');
      assert.equal(config!.Config.WorkingDir, WORK_DIR);
    }
  });

  test("spec: the generic image answers Airbyte's generic spec, the manifest image its manifest's, also through $AIRBYTE_ENTRYPOINT", async () => {
    const generic = await same(GENERIC, ['spec']);
    assert.deepEqual(messages(generic.image), messages(generic.host));
    const own = await same(MANIFEST_IMAGE, ['spec'], ['--manifest-path', LOOPBACK_MANIFEST]);
    assert.deepEqual(messages(own.image), messages(own.host));
    assert.notDeepEqual(messages(own.image), messages(generic.image));
    const shell = ['--entrypoint', '/bin/sh'];
    const viaShell = await runImage(MANIFEST_IMAGE, inputs, ['-c', 'eval "$AIRBYTE_ENTRYPOINT" "$@"', 'sh', 'spec'], shell);
    assert.equal(viaShell.code, 0, viaShell.stderr);
    assert.deepEqual(messages(viaShell), messages(own.host));
  });

  test('discover: the manifest image from its own manifest, the generic image from the one in the config', async () => {
    const own = await same(MANIFEST_IMAGE, ['discover', '--config', '@config.json'], ['--manifest-path', LOOPBACK_MANIFEST]);
    assert.equal(own.image.code, 0, own.image.stderr);
    assert.deepEqual(messages(own.image), messages(own.host));
    const generic = await same(GENERIC, ['discover', '--config', '@injected-config.json']);
    assert.equal(generic.image.code, 0, generic.image.stderr);
    assert.deepEqual(messages(generic.image), messages(generic.host));
  });

  test('the generic image with a config that has no manifest: a TRACE config_error naming the key, non-zero exit', async () => {
    const { image } = await same(GENERIC, ['discover', '--config', '@config.json']);
    assert.notEqual(image.code, 0);
    assert.equal(errorOf(image)?.failure_type, 'config_error');
    assert.match(errorOf(image)?.message ?? '', /__injected_declarative_manifest/);
  });

  test('check: SUCCEEDED against the API, FAILED (exit 0) with a wrong key, which is never printed', async () => {
    const good = await same(MANIFEST_IMAGE, ['check', '--config', '@config.json'], ['--manifest-path', LOOPBACK_MANIFEST]);
    assert.equal(statusOf(good.image), 'SUCCEEDED', good.image.stdout);
    const bad = await same(MANIFEST_IMAGE, ['check', '--config', '@bad-key-config.json'], ['--manifest-path', LOOPBACK_MANIFEST]);
    assert.equal(statusOf(bad.image), 'FAILED', bad.image.stdout);
    assert.doesNotMatch(bad.image.stdout + bad.image.stderr, /wrong-key-77e1/);
  });

  let finalState: unknown[] = [];
  test('read: the same records, statuses and final states as on the host, from either image', async () => {
    const own = await same(
      MANIFEST_IMAGE,
      ['read', '--config', '@config.json', '--catalog', '@catalog.json'],
      ['--manifest-path', LOOPBACK_MANIFEST],
    );
    assert.equal(own.image.code, 0, own.image.stdout + own.image.stderr);
    const summary = byStream(messages(own.image));
    assert.deepEqual(summary, byStream(messages(own.host)));
    assert.ok((summary.get('items')?.records.length ?? 0) > 0 && (summary.get('events')?.records.length ?? 0) === 12);
    const generic = await same(GENERIC, ['read', '--config', '@injected-config.json', '--catalog', '@catalog.json']);
    assert.equal(generic.image.code, 0, generic.image.stderr);
    assert.deepEqual(byStream(messages(generic.image)), summary);
    finalState = [...summary.values()].filter((entry) => entry.finalState !== undefined).map((entry) => entry.stateMessage);
  });

  test('read --state: only what changed since', async () => {
    assert.ok(finalState.length > 0, 'needs the state of the read test');
    write('state.json', finalState);
    api.events = 15;
    const args = ['read', '--config', '@config.json', '--catalog', '@catalog.json', '--state', '@state.json'];
    const { host, image } = await same(MANIFEST_IMAGE, args, ['--manifest-path', LOOPBACK_MANIFEST]);
    assert.equal(image.code, 0, image.stderr);
    const events = byStream(messages(image)).get('events');
    assert.deepEqual(events, byStream(messages(host)).get('events'));
    assert.deepEqual(
      events?.records.map((record) => (JSON.parse(record) as { data: { id: number } }).data.id).sort((a, b) => a - b),
      [12, 13, 14, 15],
    );
  });

  test("Airbyte's manifest-only layout: an image FROM the generic one with the manifest copied in is that connector", async () => {
    const context = mkdtempSync(join(tmpdir(), 'tributary-derived-'));
    try {
      writeFileSync(join(context, 'manifest.yaml'), readFileSync(LOOPBACK_MANIFEST));
      writeFileSync(
        join(context, 'Dockerfile'),
        `FROM ${GENERIC}\nCOPY manifest.yaml ${APP_DIR}/source_declarative_manifest/manifest.yaml\n`,
      );
      await docker(['build', '--network', 'none', '-t', DERIVED, context]);
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    const { host, image } = await same(DERIVED, ['spec'], ['--manifest-path', LOOPBACK_MANIFEST]);
    assert.deepEqual(messages(image), messages(host));
  });
});
