import { type HttpRequestOptions, LinkHeaderPaginator } from '@tributary/cdk';
import type { ApiSettings } from '../config.js';
import { JsonServerStream, updatedSince } from './json-server-stream.js';
import { Posts } from './posts.js';

export interface Comment {
  id: number;
  postId: number;
  name: string;
  email: string;
  body: string;
  updatedAt: string;
}

/**
 * `/posts/{id}/comments`: a stream with a parent, posts. Posts are read once per sync (by a
 * `Posts` of its own) and each post is a partition with its own `updatedAt` cursor, kept in the
 * per-partition state `{ states: [{ partition: { parent_id }, cursor: { updatedAt } }] }`.
 */
export class Comments extends JsonServerStream<Comment> {
  cursorField = 'updatedAt';
  paginator = new LinkHeaderPaginator({ pageSizeParam: '_limit' });
  readonly parent: Posts;

  constructor(api: ApiSettings) {
    super(api);
    this.parent = new Posts(api);
  }

  path(options: HttpRequestOptions): string {
    return `posts/${this.parentOf(options).id}/comments`;
  }

  requestParams(options: HttpRequestOptions) {
    return { _page: 1, ...updatedSince('updatedAt', options, this.api.startDate) };
  }
}
