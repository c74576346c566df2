import { recordTypesModule } from '@tributary/cdk';
import type { ConnectorNames } from './connector-names.js';
import { resolvedItemsSchema } from './shared-files.js';
import { json, lines, type TemplateFiles } from './template-files.js';

const EXAMPLE_BASE_URL = 'https://api.example.com/v1';

/** The example API's items, as the recorded fixtures hold them. */
function exampleItem(id: number): Record<string, unknown> {
  return {
    id,
    name: `Item ${id}`,
    status: id % 2 === 0 ? 'archived' : 'active',
    tags: id === 3 ? null : ['example'],
    updated_at: new Date(Date.UTC(2024, 0, 1, 0, id)).toISOString(),
  };
}

/** One recorded GET of the example API, in the format `useHttpFixture` writes (token redacted). */
function interaction(page: number, perPage: number, ids: number[]): unknown {
  return {
    request: {
      method: 'GET',
      url: `${EXAMPLE_BASE_URL}/items?page=${page}&per_page=${perPage}`,
      headers: { authorization: '****', 'user-agent': 'tributary-cdk' },
    },
    response: {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      json: { data: ids.map(exampleItem), meta: { page, per_page: perPage } },
    },
  };
}

function fixture(interactions: unknown[]): string {
  return json({
    version: 1,
    note: `Recorded from ${EXAMPLE_BASE_URL} (an example; re-record against your API with: npm run record)`,
    interactions,
  });
}

/**
 * The files of a connector for an HTTP API: an `HttpStream` with page-number pagination and
 * bearer-token auth, tests on recorded fixtures and on declared mock requests.
 */
export function httpTemplate(names: ConnectorNames): TemplateFiles {
  const { sourceClass, title, packageName, envPrefix } = names;
  return new Map([
    [
      'spec.json',
      json({
        documentationUrl: `https://example.com/docs/${packageName}`,
        connectionSpecification: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          title: `${title} Source Spec`,
          type: 'object',
          required: ['api_token'],
          additionalProperties: true,
          properties: {
            api_token: {
              title: 'API token',
              description: `A ${title} API token, sent as a bearer token; kept secret (masked in logs, stored encrypted by Airbyte).`,
              type: 'string',
              airbyte_secret: true,
              order: 0,
            },
            base_url: {
              title: 'API base URL',
              description: 'The root of the API; paths such as /items go below it.',
              type: 'string',
              pattern: '^https?://',
              default: EXAMPLE_BASE_URL,
              order: 1,
            },
            page_size: {
              title: 'Page size',
              description: 'Records requested per page.',
              type: 'integer',
              minimum: 1,
              maximum: 1000,
              default: 100,
              order: 2,
            },
          },
        },
      }),
    ],
    [
      'src/config.ts',
      lines(
        "import { type Authenticator, TokenAuthenticator } from '@tributary/cdk';",
        '',
        '/** The config, as spec.json describes it. */',
        'export interface Config {',
        '  api_token: string;',
        '  base_url?: string;',
        '  page_size?: number;',
        '}',
        '',
        '/** What every stream of the API shares: one authenticator, the base URL, the page size. */',
        'export interface ApiSettings {',
        '  baseUrl: string;',
        '  authenticator: Authenticator;',
        '  pageSize: number;',
        '}',
        '',
        'export function apiSettings(config: Config): ApiSettings {',
        '  return {',
        `    baseUrl: config.base_url ?? '${EXAMPLE_BASE_URL}',`,
        '    authenticator: new TokenAuthenticator(config.api_token),',
        '    pageSize: config.page_size ?? 100,',
        '  };',
        '}',
      ),
    ],
    [
      'src/source.ts',
      lines(
        "import { HttpClient, joinUrl, type Logger, Source, type Stream } from '@tributary/cdk';",
        "import { apiSettings, type Config } from './config.js';",
        "import { Items } from './streams/items.js';",
        '',
        `/** The ${title} source: its spec is spec.json, its stream schemas are in schemas/. */`,
        `export class ${sourceClass} extends Source<Config> {`,
        "  /** Asks for one item: a wrong token or URL fails here, with the API's answer in the message. */",
        '  async checkConnection(config: Config, logger: Logger): Promise<void> {',
        '    const api = apiSettings(config);',
        '    const client = new HttpClient({ timeoutMs: 30_000, retry: { maxRetries: 1 } });',
        "    await client.send({ url: joinUrl(api.baseUrl, 'items?page=1&per_page=1') }, { authenticator: api.authenticator, logger });",
        '  }',
        '',
        '  streams(config: Config): Stream<object>[] {',
        '    return [new Items(apiSettings(config))];',
        '  }',
        '}',
      ),
    ],
    [
      'src/streams/items.ts',
      lines(
        "import { type HttpRequestOptions, HttpStream, PageNumberPaginator } from '@tributary/cdk';",
        "import type { ApiSettings } from '../config.js';",
        "import type { ItemsRecord } from '../schema-types.js';",
        '',
        '/**',
        ' * `GET /items?page=N&per_page=M`, records under `data`, until a short page. Without a cursor',
        ' * the stream is read in full every sync, and an interrupted sync resumes at its last page.',
        ' * The record type comes from schemas/items.json (src/schema-types.ts).',
        ' */',
        'export class Items extends HttpStream<ItemsRecord> {',
        "  primaryKey = 'id';",
        "  recordsPath = 'data';",
        "  paginator = new PageNumberPaginator({ pageSizeParam: 'per_page' });",
        '',
        '  constructor(private readonly api: ApiSettings) {',
        '    super();',
        '  }',
        '',
        '  get urlBase(): string {',
        '    return this.api.baseUrl;',
        '  }',
        '',
        '  get authenticator() {',
        '    return this.api.authenticator;',
        '  }',
        '',
        '  get pageSize(): number {',
        '    return this.api.pageSize;',
        '  }',
        '',
        '  path(_options: HttpRequestOptions): string {',
        "    return 'items';",
        '  }',
        '}',
      ),
    ],
    ['src/schema-types.ts', recordTypesModule([{ name: 'items', json_schema: resolvedItemsSchema() }], '(schemas/)')],
    [
      'test/config.ts',
      lines(
        "import type { Config } from '../src/index.js';",
        '',
        '/**',
        ' * The config of the tests. Replaying fixtures needs no credentials; to record them against',
        ` * the real API, set ${envPrefix}_API_TOKEN (and ${envPrefix}_BASE_URL) and run: npm run record`,
        ' */',
        'export function testConfig(): Config {',
        '  return {',
        `    api_token: process.env.${envPrefix}_API_TOKEN ?? 'test-token',`,
        `    base_url: process.env.${envPrefix}_BASE_URL ?? '${EXAMPLE_BASE_URL}',`,
        '    page_size: 2,',
        '  };',
        '}',
      ),
    ],
    [
      'test/items.test.ts',
      lines(
        "import assert from 'node:assert/strict';",
        "import { test } from 'node:test';",
        "import { mockHttp, read, useHttpFixture } from '@tributary/cdk/testing';",
        `import { ${sourceClass}, type ItemsRecord } from '../src/index.js';`,
        "import { testConfig } from './config.js';",
        '',
        "test('reads every page of items (recorded fixture, replayed offline)', async (t) => {",
        "  const fixture = useHttpFixture(new URL('./fixtures/items.json', import.meta.url));",
        '  t.after(() => fixture.stop());',
        `  const result = await read(new ${sourceClass}(), { config: testConfig(), streams: ['items'] });`,
        '  await fixture.done();',
        '  assert.equal(result.exitCode, 0, result.describeErrors());',
        "  const items = result.recordsOf<ItemsRecord>('items');",
        '  assert.ok(items.length > 0);',
        "  for (const item of items) assert.equal(typeof item.id, 'number');",
        "  assert.deepEqual(result.statusesOf('items'), ['STARTED', 'RUNNING', 'COMPLETE']);",
        '});',
        '',
        "test('sends the token and follows the pages until a short one (declared requests)', async (t) => {",
        '  const http = mockHttp();',
        '  t.after(() => http.close());',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal of the generated code
        "  const item = (id: number) => ({ id, name: `Item ${id}`, updated_at: '2024-01-01T00:00:00.000Z' });",
        `  http.expect({ url: '${EXAMPLE_BASE_URL}/items', query: { page: 1, per_page: 2 }, headers: { authorization: 'Bearer test-token' } })`,
        '    .respond({ json: { data: [item(1), item(2)] } });',
        `  http.expect({ url: '${EXAMPLE_BASE_URL}/items', query: { page: 2, per_page: 2 } }).respond({ json: { data: [item(3)] } });`,
        `  const result = await read(new ${sourceClass}(), { config: { api_token: 'test-token', page_size: 2 }, streams: ['items'] });`,
        '  await http.done();',
        '  assert.equal(result.exitCode, 0, result.describeErrors());',
        "  assert.deepEqual(result.recordsOf<ItemsRecord>('items').map((record) => record.id), [1, 2, 3]);",
        '});',
        '',
        "test('a rejected token fails the stream as a config error', async (t) => {",
        '  const http = mockHttp();',
        '  t.after(() => http.close());',
        `  http.expect('GET ${EXAMPLE_BASE_URL}/items?page=1&per_page=2').respond({ status: 401, json: { error: 'bad token' } });`,
        `  const result = await read(new ${sourceClass}(), { config: { api_token: 'wrong', page_size: 2 }, streams: ['items'] });`,
        '  await http.done();',
        '  assert.equal(result.exitCode, 1);',
        "  assert.equal(result.errors[0]?.failure_type, 'config_error');",
        "  assert.deepEqual(result.statusesOf('items'), ['STARTED', 'INCOMPLETE']);",
        '});',
      ),
    ],
    [
      'test/acceptance.test.ts',
      lines(
        "import { acceptanceTests, type HttpFixture, useHttpFixture } from '@tributary/cdk/testing';",
        `import { ${sourceClass} } from '../src/index.js';`,
        "import { testConfig } from './config.js';",
        '',
        'let fixture: HttpFixture | undefined;',
        '',
        '// The conformance suite on a recorded fixture: every read is answered from it, offline.',
        `acceptanceTests(() => new ${sourceClass}(), {`,
        `  name: '${packageName}',`,
        '  config: testConfig(),',
        `  invalidConfig: { base_url: '${EXAMPLE_BASE_URL}' },`,
        '  before: () => {',
        "    fixture = useHttpFixture(new URL('./fixtures/acceptance.json', import.meta.url), { reuse: true });",
        '  },',
        '  after: () => fixture?.done(),',
        '});',
      ),
    ],
    ['test/fixtures/items.json', fixture([interaction(1, 2, [1, 2]), interaction(2, 2, [3])])],
    ['test/fixtures/acceptance.json', fixture([interaction(1, 1, [1]), interaction(1, 2, [1, 2]), interaction(2, 2, [3])])],
  ]);
}
