/**
 * `tributary build` without Docker: the production bundle (compiled connector + production
 * dependencies, runnable from a folder outside the workspace), the Dockerfile it writes, image
 * tags, and the command registration. The image itself is tested by `npm run test:docker`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Command } from 'commander';
import { parseImageTag, prepareBuildContext, register } from '../src/commands/build-image.js';
import { connectorEntry, loadConnectorPackage } from '../src/docker/connector-package.js';
import { APP_DIR, CHECK_SCRIPT, CHECK_SCRIPT_SOURCE, CONNECTOR_UID, renderDockerfile, WORK_DIR } from '../src/docker/dockerfile.js';
import { prepareProductionBundle } from '../src/docker/production-bundle.js';
import { fakerFolder, filesBelow, tempDir } from './helpers/cli.js';

const { dir: temp, cleanup } = tempDir('bundle');
after(cleanup);

function runNode(file: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [file, ...args], { cwd: temp, encoding: 'utf8' });
}

function withoutEmittedAt(stdout: string): unknown[] {
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line, (key, value) => (key === 'emitted_at' ? 0 : value)));
}

describe('the production bundle of source-faker', () => {
  let bundleDir: string;
  let files: string[];
  before(() => {
    assert.ok(existsSync(join(fakerFolder, 'dist/main.js')), 'source-faker is not built: run npm run build first (npm test does)');
    bundleDir = join(temp, 'faker-bundle');
    prepareProductionBundle(loadConnectorPackage(fakerFolder), bundleDir);
    files = filesBelow(bundleDir);
  });

  test('holds the compiled connector, its spec, schemas and package.json, and no sources', () => {
    for (const file of [
      'package.json',
      'spec.json',
      'dist/main.js',
      'dist/source.js',
      'schemas/users.json',
      'schemas/shared/address.json',
    ]) {
      assert.ok(files.includes(file), file);
    }
    assert.deepEqual(
      files.filter((file) => !file.startsWith('node_modules/') && !/^(dist|schemas)\//.test(file)),
      ['package.json', 'spec.json'],
    );
  });

  test('holds exactly the production dependencies, without declarations, sources, maps or dev tools', () => {
    const packages = readdirSync(join(bundleDir, 'node_modules')).flatMap((name) =>
      name.startsWith('@') ? readdirSync(join(bundleDir, 'node_modules', name)).map((inner) => `${name}/${inner}`) : [name],
    );
    assert.deepEqual(packages.sort(), [
      '@tributary/cdk',
      'ajv',
      'ajv-formats',
      'commander',
      'fast-deep-equal',
      'fast-uri',
      'json-schema-traverse',
      'require-from-string',
      'undici',
      'yaml',
    ]);
    assert.ok(files.includes('node_modules/@tributary/cdk/dist/index.js'));
    assert.ok(files.includes('node_modules/ajv/LICENSE'), 'licenses are kept');
    const unwanted = files.filter((file) => /\.(d\.[cm]?ts|[cm]?ts|map|tsbuildinfo)$/.test(file) || file.includes('/.bin/'));
    assert.deepEqual(unwanted, []);
    assert.ok(!files.some((file) => file.startsWith('node_modules/@tributary/cdk/src/')), 'the CDK ships dist only');
  });

  test('every file and folder is readable by anyone (the image user is not the owner)', () => {
    for (const file of files) {
      assert.equal(statSync(join(bundleDir, file)).mode & 0o444, 0o444, file);
    }
    assert.equal(statSync(join(bundleDir, 'node_modules/@tributary/cdk/dist')).mode & 0o777, 0o755);
  });

  test('runs from a folder outside the workspace exactly like the connector in place', () => {
    const config = join(temp, 'config.json');
    writeFileSync(config, JSON.stringify({ count: 5, seed: 9 }));
    for (const args of [['spec'], ['discover', '--config', config]]) {
      const inPlace = runNode(join(fakerFolder, 'dist/main.js'), args);
      const bundled = runNode(join(bundleDir, 'dist/main.js'), args);
      assert.equal(bundled.status, 0, bundled.stdout + bundled.stderr);
      assert.equal(bundled.stderr, '');
      assert.deepEqual(withoutEmittedAt(bundled.stdout), withoutEmittedAt(inPlace.stdout), args[0]);
    }
  });
});

describe('the check the first build stage runs', () => {
  test('passes for a bundle that answers spec, and creates the working folder', () => {
    const context = join(temp, 'check');
    const { bundle } = prepareBuildContext(loadConnectorPackage(fakerFolder), context, {
      repository: 'tributary/source-faker',
      version: '0.1.0',
    });
    const work = join(temp, 'check-work');
    const run = runNode(join(context, CHECK_SCRIPT), [bundle.dir, bundle.entry, work]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /source-faker 0\.1\.0 answers spec with Node\.js/);
    assert.ok(statSync(work).isDirectory());
  });

  test('fails for a Node.js older than engines.node, and for a connector that does not answer spec', () => {
    const app = join(temp, 'check-app');
    mkdirSync(app, { recursive: true });
    writeFileSync(join(temp, 'check.mjs'), CHECK_SCRIPT_SOURCE);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'source-new', version: '1.0.0', engines: { node: '>=99' } }));
    writeFileSync(join(app, 'main.js'), '');
    let run = runNode(join(temp, 'check.mjs'), [app, 'main.js', join(temp, 'w1')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /the base image has Node\.js 20\.[\d.]+; source-new needs >=99/);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'source-new', version: '1.0.0', engines: { node: '>=20' } }));
    writeFileSync(join(app, 'main.js'), "console.error('boom'); process.exit(3);\n");
    run = runNode(join(temp, 'check.mjs'), [app, 'main.js', join(temp, 'w2')]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /'main\.js spec' did not print a SPEC message \(exit 3\):\nboom/);
  });
});

describe('dependency layout', () => {
  /** A fake workspace: node_modules/dep-a@1 needs dep-b@1, the hoisted dep-b is 2, nested as npm installs it. */
  function fakeWorkspace(): string {
    const root = join(temp, 'workspace');
    const write = (path: string, content: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    };
    const pkg = (name: string, version: string, dependencies: Record<string, string> = {}) =>
      JSON.stringify({ name, version, main: 'index.js', dependencies });
    write(
      'connectors/source-x/package.json',
      JSON.stringify({
        name: 'source-x',
        version: '1.0.0',
        bin: 'main.js',
        files: ['main.js'],
        dependencies: { 'dep-a': '1', 'dep-b': '2' },
      }),
    );
    write('connectors/source-x/main.js', "console.log(JSON.stringify({ a: require('dep-a'), b: require('dep-b') }));\n");
    write('node_modules/dep-a/package.json', pkg('dep-a', '1.0.0', { 'dep-b': '1' }));
    write('node_modules/dep-a/index.js', "module.exports = 'a1+' + require('dep-b');\n");
    write('node_modules/dep-a/index.d.ts', 'export {};\n');
    write('node_modules/dep-a/node_modules/dep-b/package.json', pkg('dep-b', '1.0.0'));
    write('node_modules/dep-a/node_modules/dep-b/index.js', "module.exports = 'b1';\n");
    write('node_modules/dep-b/package.json', pkg('dep-b', '2.0.0', { 'dep-c': '1' }));
    write('node_modules/dep-b/index.js', "module.exports = 'b2+' + require('dep-c');\n");
    write('node_modules/dep-c/package.json', pkg('dep-c', '1.0.0'));
    write('node_modules/dep-c/index.js', "module.exports = 'c1';\n");
    write('node_modules/dev-only/package.json', pkg('dev-only', '1.0.0'));
    return root;
  }

  test('keeps each package resolving to the version it resolves to on the host', () => {
    const root = fakeWorkspace();
    const bundleDir = join(temp, 'x-bundle');
    const bundle = prepareProductionBundle(loadConnectorPackage(join(root, 'connectors/source-x')), bundleDir);
    assert.deepEqual(
      bundle.packages.map((p) => `${p.target}@${p.version}`),
      ['node_modules/dep-a@1.0.0', 'node_modules/dep-a/node_modules/dep-b@1.0.0', 'node_modules/dep-b@2.0.0', 'node_modules/dep-c@1.0.0'],
    );
    assert.ok(!existsSync(join(bundleDir, 'node_modules/dev-only')));
    assert.ok(!existsSync(join(bundleDir, 'node_modules/dep-a/index.d.ts')));
    const run = runNode(join(bundleDir, 'main.js'), []);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), { a: 'a1+b1', b: 'b2+c1' });
  });

  test('a missing dependency is an error that says to install', () => {
    const root = join(temp, 'missing');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      join(root, 'package.json'),
      JSON.stringify({ name: 'source-m', version: '1.0.0', main: 'main.js', files: ['main.js'], dependencies: { nowhere: '1' } }),
    );
    writeFileSync(join(root, 'main.js'), '');
    assert.throws(
      () => prepareProductionBundle(loadConnectorPackage(root), join(temp, 'm-bundle')),
      /source-m depends on nowhere, which is not installed/,
    );
  });
});

describe('the Dockerfile', () => {
  const dockerfile = renderDockerfile({
    imageName: 'tributary/source-faker',
    imageVersion: '0.1.0',
    entry: 'dist/main.js',
    packageName: 'source-faker',
    packageVersion: '0.1.0',
  });
  const instructions = dockerfile.split('\n').filter((line) => /^[A-Z]+ /.test(line));

  test('is multi-stage, from the BASE_IMAGE build argument (default node:20-slim)', () => {
    assert.equal(instructions[0], 'ARG BASE_IMAGE=node:20-slim');
    assert.deepEqual(
      instructions.filter((line) => line.startsWith('FROM ')),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile syntax, not a template
      ['FROM ${BASE_IMAGE} AS bundle', 'FROM ${BASE_IMAGE}'],
    );
  });

  test('RUN uses the exec form with node only (no shell, no package manager, no network)', () => {
    const runs = instructions.filter((line) => line.startsWith('RUN '));
    assert.equal(runs.length, 1);
    for (const run of runs) assert.equal(JSON.parse(run.slice(4))[0], 'node');
    assert.ok(!/\b(npm|apt-get|curl|wget|ADD)\b/.test(instructions.join('\n')));
  });

  test('follows the platform contract: entrypoint, AIRBYTE_ENTRYPOINT, labels, non-root user, writable workdir', () => {
    const entrypoint = JSON.parse(instructions.find((line) => line.startsWith('ENTRYPOINT '))!.slice(11));
    assert.deepEqual(entrypoint, ['node', `${APP_DIR}/dist/main.js`]);
    assert.match(dockerfile, new RegExp(`AIRBYTE_ENTRYPOINT="node ${APP_DIR}/dist/main.js"`));
    assert.match(dockerfile, /NODE_OPTIONS="--max-semi-space-size=8"/);
    assert.match(dockerfile, /LABEL io\.airbyte\.name="tributary\/source-faker" \\\n\s+io\.airbyte\.version="0\.1\.0"/);
    assert.ok(instructions.includes(`USER ${CONNECTOR_UID}:${CONNECTOR_UID}`));
    assert.ok(instructions.includes(`WORKDIR ${WORK_DIR}`));
    assert.ok(instructions.includes(`COPY --from=bundle --chown=${CONNECTOR_UID}:${CONNECTOR_UID} ${WORK_DIR} ${WORK_DIR}`));
    // The code stays root's: only the working folder is chowned.
    assert.ok(instructions.includes(`COPY --from=bundle ${APP_DIR} ${APP_DIR}`));
  });
});

describe('image names and the command', () => {
  test('parseImageTag splits name and version, defaults the version, keeps a registry port', () => {
    assert.deepEqual(parseImageTag('acme/source-faker:1.2.3', '0.1.0'), { repository: 'acme/source-faker', version: '1.2.3' });
    assert.deepEqual(parseImageTag('acme/source-faker', '0.1.0'), { repository: 'acme/source-faker', version: '0.1.0' });
    assert.deepEqual(parseImageTag('localhost:5000/source-faker', '0.1.0'), {
      repository: 'localhost:5000/source-faker',
      version: '0.1.0',
    });
    assert.deepEqual(parseImageTag('registry.example.com:5000/team/source-faker:dev', '0.1.0'), {
      repository: 'registry.example.com:5000/team/source-faker',
      version: 'dev',
    });
    assert.throws(() => parseImageTag('Acme/Source:1', '0.1.0'), /not a valid image name/);
    assert.throws(() => parseImageTag('acme/source:-x', '0.1.0'), /not a valid image tag/);
  });

  test('connectorEntry prefers the bin named like the package, then main', () => {
    assert.equal(connectorEntry('/x', { name: '@a/source-y', bin: { other: 'o.js', 'source-y': './dist/main.js' } }), 'dist/main.js');
    assert.equal(connectorEntry('/x', { name: 'source-y', bin: './bin.js' }), 'bin.js');
    assert.equal(connectorEntry('/x', { name: 'source-y', main: 'dist/index.js' }), 'dist/index.js');
    assert.throws(() => connectorEntry('/x', { name: 'source-y', main: '../outside.js' }), /must be inside the package/);
  });

  test('register adds build and metadata; build --prepare-only writes the context without docker', async () => {
    const program = new Command('tributary').exitOverride();
    register(program);
    assert.deepEqual(
      program.commands.map((command) => command.name()),
      ['build', 'metadata'],
    );
    const contextDir = join(temp, 'context');
    await program.parseAsync(['build', fakerFolder, '--tag', 'acme/source-faker:9.9.9', '--prepare-only', '--context-dir', contextDir], {
      from: 'user',
    });
    assert.equal(process.exitCode ?? 0, 0);
    const dockerfile = readFileSync(join(contextDir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /io\.airbyte\.name="acme\/source-faker"/);
    assert.match(dockerfile, /io\.airbyte\.version="9\.9\.9"/);
    assert.ok(existsSync(join(contextDir, 'app/dist/main.js')));
    assert.ok(existsSync(join(contextDir, 'tributary-check.mjs')));
  });

  test('prepareBuildContext names the image after the package by default', () => {
    const connector = loadConnectorPackage(fakerFolder);
    const { dockerfile } = prepareBuildContext(connector, join(temp, 'context2'), {
      repository: 'tributary/source-faker',
      version: connector.version,
    });
    assert.match(dockerfile, /io\.airbyte\.version="0\.1\.0"/);
  });
});
