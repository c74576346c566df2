/**
 * `tributary build --declarative` and `--manifest` without Docker: the build context (the bundle of
 * @tributary/declarative, the manifest where Airbyte's images keep it, the Dockerfile, the spec
 * check), and the bundle run with node from a folder outside the workspace, as the image runs it.
 * The images themselves are tested by `npm run test:docker`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadYaml } from '@tributary/declarative';
import { type BuildImageResult, buildConnectorImage } from '../src/commands/build-image.js';
import { APP_DIR, CHECK_SCRIPT, EXPECTED_SPEC_FILE } from '../src/docker/dockerfile.js';
import { cli, expectExit, filesBelow, repoRoot, tempDir } from './helpers/cli.js';
import { LOOPBACK_MANIFEST, LOOPBACK_MANIFEST_DIR } from './helpers/manifest-api.js';

const REPO_BIN = join(repoRoot, 'packages/declarative/bin/source-declarative-manifest.js');
const { dir: temp, cleanup } = tempDir('declarative-image');
after(cleanup);

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[]): Run {
  return spawnSync(process.execPath, args, { cwd: temp, encoding: 'utf8' });
}

/** The messages of a run, without emitted_at. */
function messages(run: Run): Record<string, unknown>[] {
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line, (key, value) => (key === 'emitted_at' ? 0 : value)));
}

function specOf(run: Run): Record<string, unknown> {
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return (messages(run).find((message) => message.type === 'SPEC') as { spec: Record<string, unknown> }).spec;
}

const quiet = () => {};
const config = { base_url: 'http://127.0.0.1:9', api_key: 'k-123456', start_date: '2024-01-01T00:00:00Z' };

describe('the generic source-declarative-manifest image (--declarative)', () => {
  let built: BuildImageResult;
  let bin: string;
  before(async () => {
    built = await buildConnectorImage({ declarative: true, prepareOnly: true, contextDir: join(temp, 'generic'), log: quiet });
    bin = join(built.bundle.dir, built.bundle.entry);
  });

  test("is @tributary/declarative's bundle, run by its source-declarative-manifest bin, named like Airbyte's image", () => {
    assert.equal(built.image, 'tributary/source-declarative-manifest:0.1.0');
    assert.equal(built.bundle.entry, 'bin/source-declarative-manifest.js');
    const files = filesBelow(built.bundle.dir);
    for (const file of [
      'package.json',
      'bin/source-declarative-manifest.js',
      'dist/cli/main.js',
      'src/validation/schema/declarative_component_schema.yaml',
    ]) {
      assert.ok(files.includes(file), file);
    }
    assert.ok(!files.some((file) => /\.(ts|map)$/.test(file)), 'no sources, declarations or maps');
    assert.ok(!existsSync(join(built.bundle.dir, 'source_declarative_manifest')));
    assert.ok(!existsSync(join(built.contextDir, EXPECTED_SPEC_FILE)));
    assert.match(built.dockerfile, new RegExp(`ENTRYPOINT \\["node","${APP_DIR}/bin/source-declarative-manifest\\.js"\\]`));
    assert.match(built.dockerfile, new RegExp(`AIRBYTE_ENTRYPOINT="node ${APP_DIR}/bin/source-declarative-manifest\\.js"`));
    assert.match(built.dockerfile, /io\.airbyte\.name="tributary\/source-declarative-manifest"/);
  });

  test('the bundle answers the generic spec, and discover with the manifest injected in the config, as the repository bin does', () => {
    assert.deepEqual(specOf(node([bin, 'spec'])), specOf(node([REPO_BIN, 'spec'])));
    // The platform injects a Builder manifest, whose schemas are inline (it has no folder for files).
    const manifest = loadYaml(readFileSync(LOOPBACK_MANIFEST, 'utf8')) as { streams: Record<string, unknown>[] };
    const eventsSchema = JSON.parse(readFileSync(join(LOOPBACK_MANIFEST_DIR, 'schemas/events.json'), 'utf8'));
    manifest.streams[1]!.schema_loader = { type: 'InlineSchemaLoader', schema: eventsSchema };
    const injected = join(temp, 'injected.json');
    writeFileSync(injected, JSON.stringify({ ...config, __injected_declarative_manifest: manifest }));
    const inBundle = node([bin, 'discover', '--config', injected]);
    assert.equal(inBundle.status, 0, inBundle.stdout + inBundle.stderr);
    const streams = (messages(inBundle)[0] as { catalog: { streams: { name: string }[] } }).catalog.streams;
    assert.deepEqual(
      streams.map((stream) => stream.name),
      ['items', 'events'],
    );
    const repo = node([REPO_BIN, 'discover', '--config', injected]);
    assert.deepEqual(messages(inBundle), messages(repo));
  });

  test('its first stage check passes on the bundle without an expected spec', () => {
    const run = node([join(built.contextDir, CHECK_SCRIPT), built.bundle.dir, built.bundle.entry, join(temp, 'generic-work')]);
    assert.equal(run.status, 0, run.stderr);
  });
});

describe('a manifest-only connector image (--manifest)', () => {
  let built: BuildImageResult;
  let bin: string;
  before(async () => {
    built = await buildConnectorImage({ manifest: LOOPBACK_MANIFEST, prepareOnly: true, contextDir: join(temp, 'manifest'), log: quiet });
    bin = join(built.bundle.dir, built.bundle.entry);
  });

  test("is named after the manifest's folder, tagged with metadata.yaml's dockerImageTag", () => {
    assert.equal(built.image, 'tributary/source-loopback:1.2.3');
    assert.match(built.dockerfile, /io\.airbyte\.version="1\.2\.3"/);
    assert.match(built.dockerfile, /for manifest source-loopback on @tributary\/declarative 0\.1\.0/);
  });

  test("holds the manifest and its schemas where Airbyte's manifest-only images keep them", () => {
    const folder = join(built.bundle.dir, 'source_declarative_manifest');
    assert.equal(readFileSync(join(folder, 'manifest.yaml'), 'utf8'), readFileSync(LOOPBACK_MANIFEST, 'utf8'));
    assert.equal(
      readFileSync(join(folder, 'schemas/events.json'), 'utf8'),
      readFileSync(join(LOOPBACK_MANIFEST_DIR, 'schemas/events.json'), 'utf8'),
    );
  });

  test("the bundle's command runs that manifest without --manifest-path: its spec and discover", () => {
    const expected = specOf(node([REPO_BIN, 'spec', '--manifest-path', LOOPBACK_MANIFEST]));
    assert.deepEqual(specOf(node([bin, 'spec'])), expected);
    assert.deepEqual(JSON.parse(readFileSync(join(built.contextDir, EXPECTED_SPEC_FILE), 'utf8')), expected);
    const configFile = join(temp, 'config.json');
    writeFileSync(configFile, JSON.stringify(config));
    const discover = node([bin, 'discover', '--config', configFile]);
    assert.equal(discover.status, 0, discover.stdout + discover.stderr);
    const repo = node([REPO_BIN, 'discover', '--config', configFile, '--manifest-path', LOOPBACK_MANIFEST]);
    assert.deepEqual(messages(discover), messages(repo));
  });

  test('its first stage checks that the image answers exactly the manifest spec', () => {
    const check = join(built.contextDir, CHECK_SCRIPT);
    const expected = join(built.contextDir, EXPECTED_SPEC_FILE);
    const args = [built.bundle.dir, built.bundle.entry, join(temp, 'manifest-work')];
    const run = node([check, ...args, expected]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(built.dockerfile, new RegExp(`COPY ${EXPECTED_SPEC_FILE} /tributary/${EXPECTED_SPEC_FILE}`));
    const other = join(temp, 'other-spec.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(expected, 'utf8')), documentationUrl: 'https://elsewhere.example' }));
    const wrong = node([check, ...args, other]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /answered another spec than the one expected/);
  });

  test('without metadata.yaml the tag is dev, and the name is made a valid image name', async () => {
    const folder = join(temp, 'My Source');
    cpSync(LOOPBACK_MANIFEST, join(folder, 'Acme_API.yaml'));
    const result = await buildConnectorImage({ manifest: join(folder, 'Acme_API.yaml'), prepareOnly: true, log: quiet });
    assert.equal(result.image, 'tributary/acme_api:dev');
  });
});

describe('tributary build: what it refuses', () => {
  test('none or several of a connector, --manifest and --declarative; --metadata for a manifest; a missing manifest', async () => {
    expectExit(
      await cli(['build', '--prepare-only']),
      2,
      /give exactly one of: a connector folder, --manifest <manifest\.yaml>, or --declarative/,
    );
    expectExit(await cli(['build', '--declarative', '--manifest', LOOPBACK_MANIFEST, '--prepare-only']), 2, /give exactly one of/);
    expectExit(
      await cli(['build', '--manifest', LOOPBACK_MANIFEST, '--metadata', '--prepare-only']),
      2,
      /--metadata writes a connector package's metadata\.yaml/,
    );
    expectExit(
      await cli(['build', '--manifest', join(temp, 'none.yaml'), '--prepare-only']),
      2,
      /the manifest '.*none\.yaml' does not exist/,
    );
  });

  test('a manifest with custom Python components builds, with a warning', async () => {
    const file = join(temp, 'custom.yaml');
    const text = readFileSync(LOOPBACK_MANIFEST, 'utf8').replace(
      '    transformations:\n',
      '    transformations:\n      - type: CustomTransformation\n        class_name: source_x.components.Pages\n',
    );
    assert.notEqual(text, readFileSync(LOOPBACK_MANIFEST, 'utf8'));
    writeFileSync(file, text);
    const lines: string[] = [];
    await buildConnectorImage({ manifest: file, prepareOnly: true, log: (line) => lines.push(line) });
    assert.ok(
      lines.some((line) => /warning: the manifest uses custom Python components \(source_x\.components\.Pages\)/.test(line)),
      lines.join('\n'),
    );
  });
});
