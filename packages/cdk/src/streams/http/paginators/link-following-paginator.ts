import type { HttpResponse } from '../../../http/http-response.js';
import { resolveLink } from '../../../http/url.js';
import type { PageRequest, PaginationContext, Paginator } from '../paginator.js';
import type { Awaitable, PageInfo } from '../request-options.js';

/** Options of the paginators that follow a link to the next page. */
export interface LinkFollowingOptions {
  /** Records per page; default the stream's `pageSize`. Sent when `pageSizeParam` is set (if the link lacks it). */
  pageSize?: number;
  pageSizeParam?: string;
  /** Stop after a page with no records even if it links to another (default true). */
  stopOnEmptyPage?: boolean;
}

/**
 * A paginator whose token is the absolute URL of the next page, requested as it is: parameters
 * in the link win over the stream's own of the same name. Subclasses say where the link is.
 */
export abstract class LinkFollowingPaginator implements Paginator<string> {
  constructor(private readonly linkOptions: LinkFollowingOptions) {}

  pageRequest(context: PaginationContext<string>): PageRequest {
    const pageSize = this.linkOptions.pageSize ?? context.pageSize;
    const { pageSizeParam } = this.linkOptions;
    return {
      ...(context.token ? { url: context.token } : {}),
      ...(pageSizeParam !== undefined && pageSize !== undefined ? { params: { [pageSizeParam]: pageSize } } : {}),
    };
  }

  async nextPageToken(response: HttpResponse, context: PaginationContext<string> & { page: PageInfo }): Promise<string | undefined> {
    if ((this.linkOptions.stopOnEmptyPage ?? true) && context.page.recordCount === 0) return undefined;
    const link = await this.nextLink(response);
    return link === undefined || link.length === 0 ? undefined : resolveLink(link, response.url);
  }

  /** The link to the next page as the response gives it (possibly relative); undefined on the last page. */
  protected abstract nextLink(response: HttpResponse): Awaitable<string | undefined>;
}
