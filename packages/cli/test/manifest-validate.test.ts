/** `tributary manifest validate`: problems with line, column and component path and exit 1; a summary and exit 0. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cli, tempDir } from './helpers/cli.js';

const VALID = `version: 6.44.0
check: {type: CheckStream, stream_names: [users]}
streams:
  - type: DeclarativeStream
    name: users
    retriever:
      type: SimpleRetriever
      requester: {type: HttpRequester, url_base: "https://api.example.com", path: /users}
      record_selector:
        type: RecordSelector
        extractor: {class_name: source_example.components.UsersExtractor}
    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
spec:
  type: Spec
  connection_specification: {type: object}
`;

describe('tributary manifest validate', () => {
  const { dir, cleanup } = tempDir('manifest-validate');
  after(cleanup);

  test('a valid manifest: exit 0 and a summary naming its streams and custom components', async () => {
    const file = join(dir, 'valid.yaml');
    writeFileSync(file, VALID);
    const result = await cli(['manifest', 'validate', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /valid\.yaml: valid \(manifest version 6\.44\.0, 1 stream\)/);
    assert.match(result.stdout, /streams: users/);
    assert.match(result.stdout, /source_example\.components\.UsersExtractor/);
  });

  test('an invalid manifest: exit 1 and one line per problem with file:line:column and the component path', async () => {
    const file = join(dir, 'invalid.yaml');
    writeFileSync(
      file,
      VALID.replace('path: /users}', 'path: /users, http_method: FETCH}').replace('name: users\n', 'name: users\n    primary_key: {}\n'),
    );
    const result = await cli(['manifest', 'validate', file]);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    assert.match(lines[0], /invalid\.yaml: The manifest does not match the declarative component schema \(2 problems\)/);
    assert.ok(
      lines.some((line) =>
        /invalid\.yaml:9:\d+: streams\[0\]\.retriever\.requester\.http_method: must be one of "GET", "POST", not "FETCH"/.test(line),
      ),
      result.stdout,
    );
    assert.ok(
      lines.some((line) => /invalid\.yaml:6:\d+: streams\[0\]\.primary_key: must be/.test(line)),
      result.stdout,
    );
  });

  test('a file that is not YAML, or missing, is reported the same way', async () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'streams:\n  - a: 1\n   b: 2\n');
    const broken = await cli(['manifest', 'validate', file]);
    assert.equal(broken.code, 1);
    assert.match(broken.stdout, /broken\.yaml:3:\d+: .*/);
    const missing = await cli(['manifest', 'validate', join(dir, 'nope.yaml')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stdout, /nope\.yaml: the file does not exist/);
  });
});
