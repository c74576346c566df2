/**
 * The shell sessions the guides show, run as they are from the repository root (after
 * `npm run build`), with their output checked: guide 7's syncs and queries, guide 8's metadata
 * and image context, guide 9's manifest commands and the output the guide shows for them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT } from '../../packages/test-support/src/run-cli.js';
import { EXAMPLES_ROOT } from '../scripts/includes.mjs';

const temp = mkdtempSync(join(tmpdir(), 'docs-examples-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function runScript(script: string, env: Record<string, string> = {}): string {
  return runScriptOutput(script, env).stdout;
}

function runScriptOutput(script: string, env: Record<string, string> = {}): { stdout: string; stderr: string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, npm_config_update_notifier: 'false' };
  delete childEnv.NODE_TEST_CONTEXT;
  delete childEnv.NODE_OPTIONS;
  const result = spawnSync('bash', [join(EXAMPLES_ROOT, script)], { cwd: REPO_ROOT, env: childEnv, encoding: 'utf8', timeout: 240_000 });
  assert.equal(result.status, 0, `${script} failed:\n${result.stdout}\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr };
}

test('guide 7: sync, query, sync again incrementally, other modes', () => {
  const out = runScript('running-locally/sync.sh', { DB: join(temp, 'guide7.duckdb') });
  assert.match(out, /users\s+append_dedup\s+500\s+500/); // the first sync
  assert.match(out, /products\s+\{"__ab_no_cursor_state_message":true\}/);
  assert.match(out, /users\s+append_dedup\s+167\s+167/); // the second sync: only the users that changed
  assert.match(out, /^\s+2\s+succeeded\s+217\s+217$/m);
  assert.match(out, /Synced command "node connectors\/source-faker\/dist\/main.js"/);
});

test('guide 8: the compiled connector, its metadata.yaml and its image context', () => {
  const context = join(temp, 'image');
  const out = runScript('deploying/package.sh', { CONTEXT: context });
  assert.match(out, /"type":"SPEC"/);
  assert.match(out, /^ {2}dockerRepository: tributary\/source-status-page$/m);
  assert.match(out, /^ {2}releaseStage: beta$/m); // from package.json "airbyte"
  assert.match(out, /^ {4}- sync-mode:incremental$/m);
  assert.match(out, /^ENTRYPOINT \["node","\/airbyte\/integration_code\/dist\/main.js"\]$/m);
  assert.ok(existsSync(join(context, 'app/dist/main.js')) && existsSync(join(context, 'app/node_modules/@tributary/cdk/package.json')));
});

test('guide 9: validate, spec and discover a manifest', () => {
  const out = runScript('declarative/commands.sh');
  assert.match(out, /^manifest\.yaml: valid \(manifest version 6\.44\.0, 2 streams\)$/m);
  assert.match(
    out,
    /broken-manifest\.yaml:17:9: streams\[0\]\.retriever\.requester\.http_method: must be one of "GET", "POST", not "FETCH"/,
  );
  assert.match(out, /^exit code 1$/m);
  assert.match(out, /"default_cursor_field":\["updated_at"\]/);
});

/** An output file the guide shows, as lines, with the time of reading (`emitted_at`) left out. */
function shownOutput(file: string): string[] {
  return withoutReadTime(readFileSync(join(EXAMPLES_ROOT, 'declarative/output', file), 'utf8'))
    .split('\n')
    .filter(Boolean);
}

function withoutReadTime(text: string): string {
  return text.replace(/"emitted_at":\d+/g, '"emitted_at":0');
}

/** Whether `block` appears in `lines` as consecutive lines, in order. */
function containsBlock(lines: string[], block: string[]): boolean {
  return lines.some((_, start) => block.every((line, offset) => lines[start + offset] === line));
}

test('guide 9: check, read, read from a state, sync and test a manifest against a local API', () => {
  const context = join(temp, 'tasks-image');
  const { stdout: out, stderr } = runScriptOutput('declarative/read.sh', { DB: join(temp, 'guide9.duckdb'), CONTEXT: context });
  // The API's log: the first read asks from start_date, the read from the state from its cursor.
  const asked = stderr.split('\n').filter((line) => line.startsWith('api: GET /tasks'));
  assert.equal(asked[0], 'api: GET /tasks?updated_since=2024-01-01T00:00:00Z');
  assert.equal(asked[1], 'api: GET /tasks?cursor=2&updated_since=2024-01-01T00:00:00Z');
  assert.ok(asked.includes('api: GET /tasks?updated_since=2024-03-03T14:00:00Z'), asked.join('\n'));
  const lines = withoutReadTime(out).split('\n');
  for (const file of ['read.jsonl', 'read-incremental.jsonl', 'tasks.txt']) {
    assert.ok(containsBlock(lines, shownOutput(file)), `the output does not contain output/${file} as the guide shows it:\n${out}`);
  }
  assert.match(out, /^tasks\s+append_dedup\s+4\s+4\s/m);
  assert.match(out, /^PASS\s+incremental: a read resumed from a mid-sync state loses nothing/m);
  assert.match(out, /^17 passed, 0 failed, 1 skipped$/m);
  assert.match(out, /^ENTRYPOINT \["node","\/airbyte\/integration_code\/bin\/source-declarative-manifest\.js"\]$/m);
  assert.match(out, /^USER 1000:1000$/m);
  const packed = readFileSync(join(context, 'app/source_declarative_manifest/manifest.yaml'), 'utf8');
  assert.equal(packed, readFileSync(join(EXAMPLES_ROOT, 'declarative/manifest.yaml'), 'utf8'));
});
