import type { HttpResponse } from '../../../http/http-response.js';
import { redactUrl } from '../../../http/redact-url.js';
import { resolveLink } from '../../../http/url.js';
import { describePath, type JsonPath, valueAtPath } from '../../../json/key-path.js';
import type { PageRequest, PaginationContext, Paginator } from '../paginator.js';
import type { PageInfo } from '../request-options.js';
import { cursorText } from './cursor-paginator.js';

export interface NextUrlPaginatorOptions {
  /** Where the body holds the next page's URL, e.g. `next` or `links.next` (relative URLs are resolved). */
  nextUrlPath: JsonPath;
  /** Records per page; default the stream's `pageSize`. Sent when `pageSizeParam` is set (if the URL lacks it). */
  pageSize?: number;
  pageSizeParam?: string;
  /** Stop after a page with no records even if it links to another (default true). */
  stopOnEmptyPage?: boolean;
}

/** Follows a next-page URL found in the body (`{"next": "https://api/items?page=2"}`), requested as it is. */
export class NextUrlPaginator implements Paginator<string> {
  constructor(private readonly settings: NextUrlPaginatorOptions) {}

  pageRequest(context: PaginationContext<string>): PageRequest {
    const pageSize = this.settings.pageSize ?? context.pageSize;
    const { pageSizeParam } = this.settings;
    return {
      ...(context.token ? { url: context.token } : {}),
      ...(pageSizeParam !== undefined && pageSize !== undefined ? { params: { [pageSizeParam]: pageSize } } : {}),
    };
  }

  async nextPageToken(response: HttpResponse, context: PaginationContext<string> & { page: PageInfo }): Promise<string | undefined> {
    if ((this.settings.stopOnEmptyPage ?? true) && context.page.recordCount === 0) return undefined;
    const { nextUrlPath } = this.settings;
    const next = cursorText(
      valueAtPath(await response.json(), nextUrlPath),
      `'${describePath(nextUrlPath)}' of ${redactUrl(response.url)}`,
    );
    return next === undefined ? undefined : resolveLink(next, response.url);
  }
}
