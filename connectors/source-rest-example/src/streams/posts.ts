import { type HttpRequestOptions, LinkHeaderPaginator, MaxCursor } from '@tributary/cdk';
import { JsonServerStream, updatedSince } from './json-server-stream.js';

export interface Post {
  id: number;
  userId: number;
  title: string;
  body: string;
  updatedAt: string;
}

/**
 * `/posts`, incremental on `updatedAt`: sorted by it, so the state (the greatest `updatedAt`
 * read) is also checkpointed every `checkpointIntervalRecords` records. Pages follow the
 * `Link: <…>; rel="next"` header.
 */
export class Posts extends JsonServerStream<Post> {
  cursorField = 'updatedAt';
  checkpointIntervalRecords = 500;
  paginator = new LinkHeaderPaginator({ pageSizeParam: '_limit' });
  getUpdatedState = MaxCursor.updater('updatedAt');

  path(): string {
    return 'posts';
  }

  requestParams(options: HttpRequestOptions) {
    return { _page: 1, ...updatedSince('updatedAt', options, this.api.startDate) };
  }
}
