/**
 * An HTTP source for the test kit's own tests: `items` (GET, page numbers, bearer token),
 * `search` (POST with a JSON body) and `reports` (an API key in the query string).
 */
import {
  ApiKeyAuthenticator,
  type ConnectorSpecification,
  type HttpRequestOptions,
  HttpStream,
  type JsonSchema,
  PageNumberPaginator,
  Source,
  type Stream,
  TokenAuthenticator,
} from '../../src/index.js';

export interface HttpExampleConfig {
  base_url: string;
  api_token: string;
  api_key?: string;
  page_size?: number;
}

const FAST_RETRIES = { maxRetries: 1, backoff: { baseMs: 5, maxDelayMs: 10 } };
const OBJECT: JsonSchema = { type: 'object', properties: { id: { type: 'integer' } } };

abstract class ExampleStream extends HttpStream<{ id: number }> {
  primaryKey = 'id';
  recordsPath = 'data';
  retryPolicy = FAST_RETRIES;

  constructor(protected readonly config: HttpExampleConfig) {
    super();
  }

  get urlBase(): string {
    return this.config.base_url;
  }

  getJsonSchema(): JsonSchema {
    return OBJECT;
  }
}

export class Items extends ExampleStream {
  paginator = new PageNumberPaginator({ pageSizeParam: 'per_page' });

  get pageSize(): number {
    return this.config.page_size ?? 2;
  }

  get authenticator() {
    return new TokenAuthenticator({ token: this.config.api_token });
  }

  path(): string {
    return 'items';
  }
}

export class Search extends ExampleStream {
  httpMethod = 'POST' as const;

  get authenticator() {
    return new TokenAuthenticator({ token: this.config.api_token });
  }

  path(): string {
    return 'search';
  }

  requestBodyJson(_options: HttpRequestOptions): unknown {
    return { query: 'status:open', limit: 10 };
  }
}

export class Reports extends ExampleStream {
  get authenticator() {
    return new ApiKeyAuthenticator({ key: this.config.api_key ?? 'no-key', queryParam: 'api_key' });
  }

  path(): string {
    return 'reports';
  }

  requestParams() {
    return { kind: 'daily' };
  }
}

export class HttpExampleSource extends Source<HttpExampleConfig> {
  spec(): ConnectorSpecification {
    return {
      connectionSpecification: {
        type: 'object',
        required: ['base_url', 'api_token'],
        properties: {
          base_url: { type: 'string' },
          api_token: { type: 'string', airbyte_secret: true },
          api_key: { type: 'string', airbyte_secret: true },
          page_size: { type: 'integer' },
        },
      },
    };
  }

  streams(config: HttpExampleConfig): Stream<object>[] {
    return [new Items(config), new Search(config), new Reports(config)];
  }
}
