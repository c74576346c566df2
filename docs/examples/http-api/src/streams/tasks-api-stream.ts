import { ApiKeyAuthenticator, CursorPaginator, type ErrorRule, HttpStream } from '@tributary/cdk';
import type { TasksConfig } from '../config.js';

// #region base
/**
 * What every stream of the Tasks API shares: the base URL, the API key, cursor pagination
 * (`{ "data": [...], "meta": { "next_cursor": "…" } }`) and what its errors mean.
 */
export abstract class TasksApiStream<R> extends HttpStream<R> {
  primaryKey = 'id';
  recordsPath = 'data'; // the records are at body.data
  paginator = new CursorPaginator({ cursorPath: 'meta.next_cursor', cursorParam: 'cursor', pageSizeParam: 'limit' });
  errorRules: ErrorRule[] = [
    // The API answers 410 for an archived project's sub-resources: nothing to read there.
    { status: 410, action: 'ignore' },
    // A 400 whose body says the cursor expired is the user's to fix, by syncing more often.
    {
      status: 400,
      when: async (response) => JSON.stringify(await response.json()).includes('cursor_expired'),
      action: 'fail',
      failureType: 'config_error',
      message: 'The page cursor expired before the next page was read; sync more often',
    },
  ];

  constructor(protected readonly config: TasksConfig) {
    super();
  }

  get urlBase(): string {
    return this.config.api_url;
  }

  get pageSize(): number {
    return this.config.page_size ?? 50;
  }

  get authenticator() {
    return new ApiKeyAuthenticator({ key: this.config.api_key, header: 'X-Api-Key' });
  }
}
// #endregion base
