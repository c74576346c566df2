import type { HttpResponse } from '../../../http/http-response.js';
import { type LinkFollowingOptions, LinkFollowingPaginator } from './link-following-paginator.js';
import { parseLinkHeader } from './link-header.js';

/** Pages that an RFC 8288 `Link: <url>; rel="next"` header points to. */
export interface LinkHeaderPaginatorOptions extends LinkFollowingOptions {
  /** The relation to follow (default `next`). */
  rel?: string;
}

/**
 * Follows the RFC 8288 `Link: <…>; rel="next"` header (GitHub, GitLab, Shopify…). The token is
 * the absolute URL of the next page, requested as it is: parameters in the link win over the
 * stream's own of the same name.
 */
export class LinkHeaderPaginator extends LinkFollowingPaginator {
  private readonly rel: string;

  constructor(options: LinkHeaderPaginatorOptions = {}) {
    super(options);
    this.rel = (options.rel ?? 'next').toLowerCase();
  }

  protected nextLink(response: HttpResponse): string | undefined {
    return parseLinkHeader(response.headers.get('link')).find((candidate) => candidate.rel.includes(this.rel))?.url;
  }
}
