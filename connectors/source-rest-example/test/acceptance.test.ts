/**
 * The acceptance suite of `@tributary/cdk/testing` against the REST example connector, in this
 * process, reading a real json-server on 127.0.0.1 (the helper of rest-example.test.ts).
 */
import { acceptanceTests } from '@tributary/cdk/testing';
import { RestExampleSource } from '../src/index.js';
import { JsonServerApi, makeDb } from './json-server.js';

const API_KEY = `rest-example-acceptance-${process.pid}`;
let api: JsonServerApi | undefined;

acceptanceTests(() => new RestExampleSource(), {
  name: 'source-rest-example',
  before: async () => {
    api = await JsonServerApi.start(makeDb(), API_KEY);
  },
  after: () => api?.close(),
  config: () => ({ base_url: api!.url, api_key: API_KEY, page_size: 5 }),
  invalidConfig: { base_url: 'not a url', api_key: 'x' },
});
