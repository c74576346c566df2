import { type HttpRequestOptions, HttpSubStream, LinkHeaderPaginator } from '@tributary/cdk';
import type { ApiSettings } from '../config.js';
import { updatedSince } from './json-server-stream.js';
import { type Post, Posts } from './posts.js';

export interface Comment {
  id: number;
  postId: number;
  name: string;
  email: string;
  body: string;
  updatedAt: string;
}

/**
 * `/posts/{id}/comments`: a sub-stream of posts. Posts are read once per sync (by a `Posts`
 * of its own) and each post is a partition with its own `updatedAt` cursor, kept in the
 * per-partition state `{ states: [{ partition: { parent_id }, cursor: { updatedAt } }] }`.
 */
export class Comments extends HttpSubStream<Comment, Post> {
  primaryKey = 'id';
  cursorField = 'updatedAt';
  paginator = new LinkHeaderPaginator({ pageSizeParam: '_limit' });

  constructor(private readonly api: ApiSettings) {
    super(new Posts(api));
  }

  get urlBase(): string {
    return this.api.baseUrl;
  }

  get authenticator() {
    return this.api.authenticator;
  }

  get pageSize(): number {
    return this.api.pageSize;
  }

  path(options: HttpRequestOptions): string {
    return `posts/${this.parentOf(options).id}/comments`;
  }

  requestParams(options: HttpRequestOptions) {
    return { _page: 1, ...updatedSince('updatedAt', options, this.api.startDate) };
  }
}
