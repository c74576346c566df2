/** spec and discover of small manifests: the Python CDK's rules for each part of the catalog entry. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { AirbyteStream } from '@tributary/cdk';
import { loadManifestText } from '../../src/manifest/load-manifest.js';
import { DeclarativeSource } from '../../src/source/declarative-source.js';
import { minimalManifest, tempFiles } from '../helpers/manifests.js';
import { errorTrace, only, runInProcess } from '../helpers/run.js';

/** Distinctive: a secret is masked wherever its text appears in messages. */
const SECRET = 'test-secret-7f3a';

async function catalogOf(text: string, dir?: string): Promise<AirbyteStream[]> {
  const source = new DeclarativeSource(loadManifestText(text, dir ? { file: join(dir, 'manifest.yaml') } : {}));
  const result = await runInProcess(source, { command: 'discover', config: { api_key: SECRET } });
  assert.equal(result.code, 0, JSON.stringify(result.messages));
  return only(result, 'CATALOG')[0].catalog.streams;
}

async function discoverError(text: string): Promise<{ message: string; failure_type?: string }> {
  const result = await runInProcess(new DeclarativeSource(loadManifestText(text, { file: 'manifest.yaml' })), {
    command: 'discover',
    config: { api_key: SECRET },
  });
  assert.equal(result.code, 1);
  return errorTrace(result);
}

describe('spec', () => {
  test('the connection specification, documentation URL and OAuth flow, as written', async () => {
    const text = minimalManifest().replace(
      'spec:\n  type: Spec\n',
      'spec:\n  type: Spec\n  documentation_url: https://docs.example.com\n  advanced_auth:\n    auth_flow_type: oauth2.0\n    predicate_key: [credentials, auth_type]\n    oauth_config_specification:\n      complete_oauth_output_specification: {type: object}\n',
    );
    const result = await runInProcess(new DeclarativeSource(loadManifestText(text)), { command: 'spec' });
    assert.deepEqual(only(result, 'SPEC')[0].spec, {
      connectionSpecification: { type: 'object', required: ['api_key'], properties: { api_key: { type: 'string', airbyte_secret: true } } },
      documentationUrl: 'https://docs.example.com',
      advanced_auth: {
        auth_flow_type: 'oauth2.0',
        predicate_key: ['credentials', 'auth_type'],
        oauth_config_specification: { complete_oauth_output_specification: { type: 'object' } },
      },
      supportsNormalization: false,
      supportsDBT: false,
    });
  });

  test('a manifest without spec fails with a config error', async () => {
    const text = minimalManifest().replace(/^spec:[\s\S]*$/m, '');
    const result = await runInProcess(new DeclarativeSource(loadManifestText(text)), { command: 'spec' });
    assert.equal(errorTrace(result).failure_type, 'config_error');
    assert.match(errorTrace(result).message, /no `spec` section/);
  });

  test('the config is validated against the spec as jsonschema does: formats are not checked', async () => {
    const text = minimalManifest().replace(
      '      api_key: {type: string, airbyte_secret: true}',
      '      api_key: {type: string, airbyte_secret: true}\n      start: {type: string, format: date}',
    );
    const source = new DeclarativeSource(loadManifestText(text));
    const accepted = await runInProcess(source, { command: 'discover', config: { api_key: SECRET, start: '01-01-2024' } });
    assert.equal(accepted.code, 0);
    const rejected = await runInProcess(source, { command: 'discover', config: { start: '2024-01-01' } });
    assert.match(errorTrace(rejected).message, /api_key is required/);
  });
});

describe('discover', () => {
  const files = tempFiles({
    'schemas/users.json': JSON.stringify({ type: 'object', properties: { id: { type: 'integer' }, address: { $ref: 'address.json' } } }),
    'schemas/shared/address.json': JSON.stringify({ type: 'object', properties: { city: { type: 'string' } } }),
  });
  after(files.cleanup);

  test('a full-refresh stream: its name, primary key, not resumable, not file based', async () => {
    const [stream] = await catalogOf(minimalManifest());
    assert.deepEqual(stream, {
      name: 'users',
      json_schema: { type: 'object', properties: { id: { type: 'integer' } } },
      supported_sync_modes: ['full_refresh'],
      source_defined_primary_key: [['id']],
      is_resumable: false,
      is_file_based: false,
    });
  });

  test('an incremental stream has its cursor field, and primary keys in every form flatten to top-level fields', async () => {
    const cursor = `    incremental_sync:
      type: DatetimeBasedCursor
      cursor_field: updated_at
      datetime_format: "%Y-%m-%d"
      start_datetime: "2024-01-01"
`;
    const [stream] = await catalogOf(minimalManifest(cursor).replace('primary_key: [id]', 'primary_key: [[id], [region]]'));
    assert.deepEqual(stream.supported_sync_modes, ['full_refresh', 'incremental']);
    assert.equal(stream.source_defined_cursor, true);
    assert.deepEqual(stream.default_cursor_field, ['updated_at']);
    assert.equal(stream.is_resumable, true);
    assert.deepEqual(stream.source_defined_primary_key, [['id'], ['region']]);
  });

  test("a templated cursor field is evaluated with the config and the cursor's parameters", async () => {
    const cursor = `    incremental_sync:
      type: DatetimeBasedCursor
      $parameters: {cursor: updated}
      cursor_field: "{{ parameters.cursor }}_{{ config.suffix }}"
      datetime_format: "%Y-%m-%d"
      start_datetime: "2024-01-01"
`;
    const source = new DeclarativeSource(loadManifestText(minimalManifest(cursor)));
    const result = await runInProcess(source, { command: 'discover', config: { api_key: SECRET, suffix: 'at' } });
    assert.deepEqual(only(result, 'CATALOG')[0].catalog.streams[0].default_cursor_field, ['updated_at']);
  });

  test('ConditionalStreams contribute their streams when the condition holds for the config', async () => {
    const text = minimalManifest()
      .replace(
        'streams:\n  - type: DeclarativeStream\n    name: users',
        'streams:\n  - type: ConditionalStreams\n    condition: "{{ config.extra }}"\n    streams:\n      - $ref: "#/definitions/users"\n  - type: DeclarativeStream\n    name: users',
      )
      .replace(
        'definitions:\n',
        'definitions:\n  users:\n    type: DeclarativeStream\n    name: extra\n    retriever:\n      type: SimpleRetriever\n      requester: {type: HttpRequester, url_base: "https://x"}\n      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}\n    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}\n',
      );
    const source = new DeclarativeSource(loadManifestText(text));
    const names = async (extra: unknown) =>
      only(await runInProcess(source, { command: 'discover', config: { api_key: SECRET, extra } }), 'CATALOG')[0].catalog.streams.map(
        (stream) => stream.name,
      );
    assert.deepEqual(await names(true), ['extra', 'users']);
    assert.deepEqual(await names(false), ['users']);
    assert.deepEqual(await names(0), ['users']);
  });

  test('a nested primary key is not supported, as in the Python CDK', async () => {
    const error = await discoverError(minimalManifest().replace('primary_key: [id]', 'primary_key: [[meta, id]]'));
    assert.match(error.message, /nested primary keys are not supported/);
  });

  test('a schema file: explicit JsonFileSchemaLoader, or the default schemas/<name>.json, with shared $refs inlined', async () => {
    const explicit = minimalManifest().replace(
      / {4}schema_loader:[\s\S]*?(?=spec:)/,
      '    schema_loader:\n      type: JsonFileSchemaLoader\n      file_path: ./source_example/schemas/users.json\n',
    );
    const implicit = minimalManifest().replace(/ {4}schema_loader:[\s\S]*?(?=spec:)/, '');
    const expected = {
      type: 'object',
      properties: { id: { type: 'integer' }, address: { type: 'object', properties: { city: { type: 'string' } } } },
    };
    assert.deepEqual((await catalogOf(explicit, files.dir))[0].json_schema, expected);
    assert.deepEqual((await catalogOf(implicit, files.dir))[0].json_schema, expected);
    assert.deepEqual((await catalogOf(implicit))[0].json_schema, {}, 'no schema file: the empty schema, as DefaultSchemaLoader gives');
  });

  test('a custom schema loader fails with a config error naming the class and where it stands', async () => {
    const text = minimalManifest().replace(
      / {4}schema_loader:[\s\S]*?(?=spec:)/,
      '    schema_loader:\n      type: CustomSchemaLoader\n      class_name: source_example.components.UsersSchema\n',
    );
    const error = await discoverError(text);
    assert.equal(error.failure_type, 'config_error');
    assert.match(
      error.message,
      /manifest\.yaml:\d+:\d+: streams\[0\]\.schema_loader: it is the custom Python component source_example\.components\.UsersSchema/,
    );
  });

  test('request options are checked as the CDK checks them when it builds a stream', async () => {
    const both = minimalManifest(`      paginator:
        type: DefaultPaginator
        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
        page_size_option: {type: RequestOption, inject_into: request_parameter, field_name: page}
        pagination_strategy: {type: PageIncrement, page_size: 10}
`);
    assert.match((await discoverError(both)).message, /page size and the page token are both written to 'page'/);
    const twoNames = minimalManifest(`      paginator:
        type: DefaultPaginator
        page_size_option: {type: RequestOption, inject_into: request_parameter, field_name: size, field_path: [size]}
        pagination_strategy: {type: PageIncrement, page_size: 10}
`);
    assert.match(
      (await discoverError(twoNames)).message,
      /streams\[0\]\.retriever\.paginator\.page_size_option: a RequestOption takes either field_name or field_path/,
    );
  });

  test('a StateDelegatingStream is its full-refresh stream before any state exists', async () => {
    const text = minimalManifest().replace(
      '  - type: DeclarativeStream\n    name: users',
      '  - type: StateDelegatingStream\n    name: users\n    full_refresh_stream:\n      $ref: "#/definitions/users"\n    incremental_stream:\n      $ref: "#/definitions/users"\n  - type: DeclarativeStream\n    name: users_copy',
    );
    const full = loadManifestText(
      text.replace(
        'definitions:\n',
        `definitions:\n  users:\n    type: DeclarativeStream\n    name: users\n    retriever:\n      type: SimpleRetriever\n      requester: {type: HttpRequester, url_base: "https://x"}\n      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: []}}\n    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}\n`,
      ),
    );
    const result = await runInProcess(new DeclarativeSource(full), { command: 'discover', config: { api_key: SECRET } });
    assert.deepEqual(
      only(result, 'CATALOG')[0].catalog.streams.map((stream) => [stream.name, stream.supported_sync_modes]),
      [
        ['users', ['full_refresh']],
        ['users_copy', ['full_refresh']],
      ],
    );
  });
});
