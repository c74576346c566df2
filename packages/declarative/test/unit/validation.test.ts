/** Validation against the component schema, with messages that point at the YAML line, column and component path. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadManifestText } from '../../src/manifest/load-manifest.js';
import { ManifestError, type ManifestIssue } from '../../src/manifest/manifest-error.js';
import { minimalManifest } from '../helpers/manifests.js';

function issuesOf(text: string): ManifestIssue[] {
  try {
    loadManifestText(text, { file: 'manifest.yaml' });
  } catch (error) {
    if (error instanceof ManifestError) return [...error.issues];
    throw error;
  }
  return [];
}

function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex((line) => line.includes(fragment)) + 1;
}

describe('manifest validation', () => {
  test('a valid manifest has no issues', () => {
    assert.deepEqual(issuesOf(minimalManifest()), []);
  });

  test("an unknown component type names the alternatives the schema allows there, at the type's line and column", () => {
    const text = minimalManifest(`      paginator:
        type: DefaultPaginator
        pagination_strategy:
          type: PageIncrementt
          page_size: 10
`);
    const issues = issuesOf(text);
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0].path, 'streams[0].retriever.paginator.pagination_strategy.type');
    assert.match(
      issues[0].message,
      /'PageIncrementt' is not a component that fits here; expected PageIncrement, OffsetIncrement, CursorPagination or CustomPaginationStrategy/,
    );
    assert.equal(issues[0].line, lineOf(text, 'PageIncrementt'));
    assert.equal(issues[0].column, 11);
    assert.equal(issues[0].file, 'manifest.yaml');
  });

  test('the component the user typed is followed, and only its problem is reported', () => {
    const text = minimalManifest(`      paginator:
        type: DefaultPaginator
        pagination_strategy:
          type: CursorPagination
`);
    const issues = issuesOf(text);
    assert.deepEqual(
      issues.map((issue) => [issue.path, issue.message]),
      [['streams[0].retriever.paginator.pagination_strategy.cursor_value', "the field 'cursor_value' is required"]],
    );
  });

  test('a problem inside a referenced definition is placed where the definition is written', () => {
    const text = minimalManifest().replace('    http_method: GET', '    http_method: FETCH');
    const [issue] = issuesOf(text);
    assert.equal(issue.path, 'streams[0].retriever.requester.http_method');
    assert.match(issue.message, /must be one of "GET", "POST", not "FETCH"/);
    assert.equal(issue.line, lineOf(text, 'http_method: FETCH'));
  });

  test('a value of the wrong kind says what would fit', () => {
    const text = minimalManifest().replace('primary_key: [id]', 'primary_key: 12');
    const [issue] = issuesOf(text);
    assert.equal(issue.path, 'streams[0].primary_key');
    assert.match(issue.message, /must be .*a string.*not an integer/);
  });

  test('a missing top-level section is reported by name', () => {
    const text = minimalManifest().replace(/^check:\n {2}type: CheckStream\n {2}stream_names: \[users\]\n/m, '');
    const issues = issuesOf(text);
    assert.deepEqual(
      issues.map((issue) => [issue.path, issue.message]),
      [['check', "the field 'check' is required"]],
    );
  });

  test('a dangling reference is reported with its line', () => {
    const text = minimalManifest().replace('"#/definitions/requester"', '"#/definitions/requestr"');
    const [issue] = issuesOf(text);
    assert.match(issue.message, /#\/definitions\/requestr points to nothing/);
    assert.equal(issue.line, lineOf(text, 'requestr"'));
  });
});
