import { type HttpRequestOptions, type HttpResponse, HttpStream, MaxCursor, TokenAuthenticator } from '@tributary/cdk';

interface Config {
  token: string;
  repository?: string;
}

interface Issue {
  number: number;
  title: string;
  updated_at: string;
}

// #region port
/**
 * A Python CDK `HttpStream` ported hook for hook: `url_base`, `path`, `request_params`,
 * `next_page_token`, `parse_response`, `get_updated_state`, and the authenticator the Python
 * source passed to the stream's constructor.
 */
export class Issues extends HttpStream<Issue, number> {
  urlBase = 'https://api.example.com/'; // url_base
  primaryKey = 'number'; // primary_key
  cursorField = 'updated_at'; // cursor_field
  checkpointIntervalRecords = 100; // state_checkpoint_interval
  getUpdatedState = MaxCursor.updater('updated_at'); // get_updated_state: the greatest updated_at

  constructor(private readonly config: Config) {
    super();
  }

  get authenticator() {
    return new TokenAuthenticator({ token: this.config.token }); // TokenAuthenticator(token=...)
  }

  path(): string {
    return `repos/${this.config.repository ?? 'acme/widgets'}/issues`;
  }

  requestParams(options: HttpRequestOptions<number>) {
    const since = options.state?.updated_at; // stream_state
    return { sort: 'updated', direction: 'asc', page: options.nextPageToken ?? 1, ...(since ? { since: String(since) } : {}) };
  }

  async nextPageToken(response: HttpResponse, options: HttpRequestOptions<number>): Promise<number | undefined> {
    const issues = (await response.json()) as Issue[]; // the body is parsed once, whoever asks first
    return issues.length === 0 ? undefined : (options.nextPageToken ?? 1) + 1; // None stops
  }

  async *parseResponse(response: HttpResponse): AsyncGenerator<Issue> {
    for (const issue of (await response.json()) as Issue[])
      yield { number: issue.number, title: issue.title, updated_at: issue.updated_at };
  }
}
// #endregion port
