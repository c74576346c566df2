/**
 * HttpRequester through a real read: the URL (`url_base` + `path`, or `url`), the method, the
 * requester's own parameters, headers and bodies (all interpolated with config, parameters and
 * the slice), and RequestOptions of other components landing in the query, a header, a JSON body
 * or a form body, and RequestPath.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { binRecords, manifest, page, queryOf, readManifest, readWithBin, requestLines, stream, useApi, yaml } from './mock-api.js';

const api = useApi();
const config = () => ({ base_url: api.url, region: 'eu', token: 'tok-1', limit: 3 });

/** A stream on `path` whose requester has the `requester` lines; read once, must succeed. */
async function readOne(path: string, requester: string, retriever = '') {
  const result = await readManifest(manifest(stream('items', path, { requester, retriever })), { config: config() });
  assert.equal(result.exitCode, 0, result.describeErrors());
  return result;
}

/** A partition router of one value `v1` whose request option goes `into` a part of the request as `field`. */
function listRouter(into: string, field: string, option = `field_name: ${field}`): string {
  return yaml`
    - type: ListPartitionRouter
      cursor_field: ${field}
      values: ["v1"]
      request_option: {type: RequestOption, inject_into: ${into}, ${option}}
  `;
}

describe('HttpRequester', () => {
  test('url_base + path interpolated with config and $parameters; parameters and headers interpolated (an empty one dropped, as Python does)', async () => {
    api.server.on(
      '/v2/eu/items',
      page(() => [{ id: 1 }, { id: 2 }]),
    );
    const requester = yaml`
      $parameters: {version: v2}
      request_parameters:
        limit: "{{ config.limit }}"
        fields: "id,name"
        empty: ""
      request_headers:
        X-Token: "{{ config.token }}"
        X-Version: "{{ parameters.version }}"
    `;
    const result = await readOne('"/{{ parameters.version }}/{{ config.region }}/items"', requester);
    assert.deepEqual(result.recordsOf('items'), [{ id: 1 }, { id: 2 }]);
    assert.equal(api.server.requests.length, 1);
    const [request] = api.server.requests;
    assert.equal(request.method, 'GET');
    assert.deepEqual(queryOf(request), { limit: '3', fields: 'id,name' });
    assert.equal(request.headers['x-token'], 'tok-1');
    assert.equal(request.headers['x-version'], 'v2');
  });

  test('`url` alone (no url_base), with a query already in it', async () => {
    api.server.on(
      '/all/items',
      page(() => [{ id: 7 }]),
    );
    const text = yaml`
      version: 6.44.0
      type: DeclarativeSource
      check: {type: CheckStream, stream_names: [items]}
      streams:
        - type: DeclarativeStream
          name: items
          schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
          retriever:
            type: SimpleRetriever
            requester:
              type: HttpRequester
              url: "{{ config.base_url }}/all/items?fixed=1"
              request_parameters: {extra: "x"}
            record_selector:
              type: RecordSelector
              extractor: {type: DpathExtractor, field_path: [data]}
      spec: {type: Spec, connection_specification: {type: object}}
    `;
    const result = await readManifest(text, { config: config() });
    assert.equal(result.exitCode, 0, result.describeErrors());
    assert.deepEqual(result.recordsOf('items'), [{ id: 7 }]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /all/items?fixed=1&extra=x']);
  });

  test('POST with request_body_json: nested values interpolated and typed by literal_eval, JSON content type', async () => {
    api.server.on(
      '/search',
      page(() => [{ id: 1 }]),
    );
    await readOne(
      '/search',
      yaml`
        http_method: POST
        request_body_json:
          query: {region: "{{ config.region }}", size: "{{ config.limit }}"}
          tags: ["a", "{{ config.token }}"]
          flag: "{{ True }}"
      `,
    );
    const [request] = api.server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(request.body), { query: { region: 'eu', size: 3 }, tags: ['a', 'tok-1'], flag: true });
  });

  test('POST with request_body_data: a url-encoded form', async () => {
    api.server.on(
      '/form',
      page(() => [{ id: 1 }]),
    );
    await readOne('/form', 'http_method: POST\nrequest_body_data:\n  region: "{{ config.region }}"\n  q: "a b&c"');
    const [request] = api.server.requests;
    assert.equal(request.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(request.body, 'region=eu&q=a+b%26c');
  });

  const bodies = [
    ['RequestBodyJsonObject', '{region: "{{ config.region }}"}', { region: 'eu' }, 'application/json'],
    ['RequestBodyUrlEncodedForm', '{region: "{{ config.region }}"}', 'region=eu', 'application/x-www-form-urlencoded'],
    ['RequestBodyPlainText', '"region={{ config.region }}"', 'region=eu', undefined],
    [
      'RequestBodyGraphQL',
      '{query: "{ items(region: {{ config.region }}) { id } }"}',
      { query: '{ items(region: eu) { id } }' },
      'application/json',
    ],
  ] as const;
  for (const [type, value, expected, contentType] of bodies) {
    test(`request_body of type ${type}`, async () => {
      api.server.on(
        '/body',
        page(() => [{ id: 1 }]),
      );
      await readOne('/body', `http_method: POST\nrequest_body:\n  type: ${type}\n  value: ${value}`);
      const [request] = api.server.requests;
      assert.deepEqual(typeof expected === 'string' ? request.body : JSON.parse(request.body), expected);
      assert.equal(request.headers['content-type'], contentType);
    });
  }

  test('request options into the query and a header', async () => {
    api.server.on(
      '/opts',
      page(({ url }) => [{ id: url.searchParams.get('q') }]),
    );
    const routers = `partition_router:\n${listRouter('request_parameter', 'q')}\n${listRouter('header', 'X-Part')}`;
    const result = await readOne('/opts', '', routers);
    assert.deepEqual(result.recordsOf('items'), [{ id: 'v1' }]);
    const [request] = api.server.requests;
    assert.deepEqual(queryOf(request), { q: 'v1' });
    assert.equal(request.headers['x-part'], 'v1');
  });

  test("request options into a JSON body and a form body, merged with the requester's own", async () => {
    api.server.on(
      '/opts',
      page(() => [{ id: 1 }]),
    );
    await readOne('/opts', 'http_method: POST\nrequest_body_json: {size: 10}', `partition_router:\n${listRouter('body_json', 'part')}`);
    await readOne('/opts', 'http_method: POST\nrequest_body_data: {size: "10"}', `partition_router:\n${listRouter('body_data', 'part')}`);
    assert.deepEqual(JSON.parse(api.server.requests[0].body), { size: 10, part: 'v1' });
    assert.equal(api.server.requests[1].body, 'size=10&part=v1');
  });

  test("a request option with field_path nests into the JSON body beside the requester's own members", async () => {
    api.server.on(
      '/nested',
      page(() => [{ id: 1 }]),
    );
    await readOne(
      '/nested',
      'http_method: POST\nrequest_body_json: {filter: {kind: all}, size: 10}',
      `partition_router:\n${listRouter('body_json', 'part', 'field_path: [filter, part]')}`,
    );
    assert.deepEqual(JSON.parse(api.server.requests[0].body), { filter: { kind: 'all', part: 'v1' }, size: 10 });
  });

  test('RequestPath: the next page is the URL the API gave, url_base stripped', async () => {
    api.server.on(
      '/paged/2',
      page(() => [{ id: 2 }]),
    );
    api.server.on(
      '/first',
      page(() => [{ id: 0 }], { next: `${api.url}/paged/2?cursor=abc` }),
    );
    const paginator = yaml`
      paginator:
        type: DefaultPaginator
        page_token_option: {type: RequestPath}
        pagination_strategy:
          type: CursorPagination
          cursor_value: "{{ response.next }}"
          stop_condition: "{{ not response.next }}"
    `;
    const result = await readOne('/first', '', paginator);
    assert.deepEqual(result.recordsOf('items'), [{ id: 0 }, { id: 2 }]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /first', 'GET /paged/2?cursor=abc']);
  });

  test('the real bin sends the same request and prints the same records', async () => {
    api.server.on(
      '/v1/things',
      page(({ url }) => [{ id: 1, q: url.searchParams.get('region') }]),
    );
    const text = manifest(stream('things', '/v1/things', { requester: 'request_parameters: {region: "{{ config.region }}"}' }));
    const result = await readWithBin(text, { config: config() });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(binRecords(result), [{ id: 1, q: 'eu' }]);
    assert.deepEqual(requestLines(api.server.requests), ['GET /v1/things?region=eu']);
  });
});
