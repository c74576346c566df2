import type { HttpResponse } from '../../../http/http-response.js';
import { resolveLink } from '../../../http/url.js';
import type { PageRequest, PaginationContext, Paginator } from '../paginator.js';
import type { PageInfo } from '../request-options.js';
import { parseLinkHeader } from './link-header.js';

export interface LinkHeaderPaginatorOptions {
  /** The relation to follow (default `next`). */
  rel?: string;
  /** Records per page; default the stream's `pageSize`. Sent when `pageSizeParam` is set (if the link lacks it). */
  pageSize?: number;
  pageSizeParam?: string;
  /** Stop after a page with no records even if it links to another (default true). */
  stopOnEmptyPage?: boolean;
}

/**
 * Follows the RFC 8288 `Link: <…>; rel="next"` header (GitHub, GitLab, Shopify…). The token is
 * the absolute URL of the next page, requested as it is: parameters in the link win over the
 * stream's own of the same name.
 */
export class LinkHeaderPaginator implements Paginator<string> {
  constructor(private readonly settings: LinkHeaderPaginatorOptions = {}) {}

  pageRequest(context: PaginationContext<string>): PageRequest {
    const pageSize = this.settings.pageSize ?? context.pageSize;
    const { pageSizeParam } = this.settings;
    return {
      ...(context.token ? { url: context.token } : {}),
      ...(pageSizeParam !== undefined && pageSize !== undefined ? { params: { [pageSizeParam]: pageSize } } : {}),
    };
  }

  nextPageToken(response: HttpResponse, context: PaginationContext<string> & { page: PageInfo }): string | undefined {
    if ((this.settings.stopOnEmptyPage ?? true) && context.page.recordCount === 0) return undefined;
    const rel = (this.settings.rel ?? 'next').toLowerCase();
    const link = parseLinkHeader(response.headers.get('link')).find((candidate) => candidate.rel.includes(rel));
    return link && link.url.length > 0 ? resolveLink(link.url, response.url) : undefined;
  }
}
