/**
 * Guide 1 works on a fresh clone: docs/examples/first-connector/walkthrough.sh (the guide shows
 * it, region by region) runs as it is, starting with `git clone`. The clone is of this working
 * tree as it is now, committed or not: a snapshot commit written with a temporary index (the
 * repository's own index and branches are not touched), pushed into a bare repository that the
 * script clones. npm uses its cache first (CI has just installed the same lockfile).
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../../packages/test-support/src/run-cli.js';
import { EXAMPLES_ROOT } from '../scripts/includes.mjs';

const temp = mkdtempSync(join(tmpdir(), 'docs-guide1-'));
after(() => rmSync(temp, { recursive: true, force: true }));

/** A commit of the working tree (tracked and untracked files, .gitignore respected), in a bare repository of its own. */
function snapshotRepository(): string {
  const git = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
    execFileSync('git', args, { cwd: REPO_ROOT, env, encoding: 'utf8' }).trim();
  const indexEnv = { ...process.env, GIT_INDEX_FILE: join(temp, 'snapshot-index') };
  git(['read-tree', 'HEAD'], indexEnv);
  git(['add', '-A'], indexEnv);
  const tree = git(['write-tree'], indexEnv);
  const identity = {
    ...process.env,
    GIT_AUTHOR_NAME: 'docs test',
    GIT_AUTHOR_EMAIL: 'docs@test',
    GIT_COMMITTER_NAME: 'docs test',
    GIT_COMMITTER_EMAIL: 'docs@test',
  };
  const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', 'snapshot for the guide 1 test'], identity);
  const bare = join(temp, 'origin.git');
  execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  git(['push', '--quiet', bare, `${commit}:refs/heads/main`]);
  return bare;
}

test('guide 1 on a fresh clone: a new connector, synced into DuckDB, passing its acceptance tests', { timeout: 600_000 }, () => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REPOSITORY: snapshotRepository(),
    npm_config_prefer_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  delete env.TRIBUTARY_RECORD;
  const run = spawnSync('bash', [join(EXAMPLES_ROOT, 'first-connector/walkthrough.sh')], {
    cwd: temp,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 580_000,
  });
  const out = run.stdout;
  assert.equal(run.status, 0, `the walkthrough failed:\n${out.slice(-6000)}\n${run.stderr.slice(-4000)}`);
  assert.match(out, /^Created source-acme in connectors\/source-acme \(18 files, basic template\)\.$/m);
  assert.match(out, /^\{"type":"SPEC","spec":\{"documentationUrl":"https:\/\/example\.com\/docs\/source-acme"/m);
  assert.match(out, /^\{"type":"CONNECTION_STATUS","connectionStatus":\{"status":"SUCCEEDED"\}\}$/m);
  assert.match(out, /^\{"type":"CATALOG","catalog":\{"streams":\[\{"name":"items"/m);
  assert.match(out, /"stream_state":\{"updated_at":"2024-01-01T08:20:00.000Z"\}/); // read: the final STATE, after item 500
  assert.match(out, /^items\s+append_dedup\s+500\s+500\s/m); // the first sync
  assert.match(out, /^active\s+400\s/m); // the query
  assert.match(out, /^items\s+append_dedup\s+20\s+20\s/m); // the second sync: only the 20 new items
  assert.match(out, /^# fail 0$/m); // npm test: the connector's own tests and the acceptance suite
  assert.match(out, /^18 passed, 0 failed, 0 skipped$/m); // tributary test
  assert.ok(existsSync(join(temp, 'tributary/connectors/source-acme/.tributary/source-acme.duckdb')));
});
