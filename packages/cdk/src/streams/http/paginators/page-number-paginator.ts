import { ConnectorError } from '../../../errors/connector-error.js';
import type { HttpResponse } from '../../../http/http-response.js';
import { redactUrl } from '../../../http/redact-url.js';
import { describeKeyPath, type KeyPath, valueAtKeyPath } from '../../../json/key-path.js';
import { type InjectInto, injectValues, type PageRequest, type PaginationContext, type Paginator } from '../paginator.js';
import type { PageInfo } from '../request-options.js';

/** Pages addressed by their number (`?page=N`). */
export interface PageNumberPaginatorOptions {
  /** The page number parameter (default `page`). */
  pageParam?: string;
  /** The number of the first page (default 1). */
  startPage?: number;
  /** Records per page; default the stream's `pageSize`. */
  pageSize?: number;
  /** The page size parameter, sent when there is a page size (e.g. `per_page`). */
  pageSizeParam?: string;
  /** Where the response says how many pages there are (e.g. `meta.total_pages`). */
  totalPagesPath?: KeyPath;
  /**
   * Stop after a page with fewer records than the page size (default true). Set false for APIs
   * that may return short pages before the end (those that cap the page size below the one asked);
   * then only an empty page (or `totalPagesPath`) stops.
   */
  stopOnPartialPage?: boolean;
  injectInto?: InjectInto;
}

/** `?page=1`, `?page=2`, …: stops on an empty page, a short page, or the last page the response announces. */
export class PageNumberPaginator implements Paginator<number> {
  constructor(private readonly settings: PageNumberPaginatorOptions = {}) {}

  pageRequest(context: PaginationContext<number>): PageRequest {
    const { pageParam = 'page', startPage = 1, pageSizeParam, injectInto = 'query' } = this.settings;
    const pageSize = this.settings.pageSize ?? context.pageSize;
    return injectValues(injectInto, {
      [pageParam]: context.token ?? startPage,
      ...(pageSizeParam !== undefined && pageSize !== undefined ? { [pageSizeParam]: pageSize } : {}),
    });
  }

  async nextPageToken(response: HttpResponse, context: PaginationContext<number> & { page: PageInfo }): Promise<number | undefined> {
    const { startPage = 1, totalPagesPath, stopOnPartialPage = true } = this.settings;
    const current = context.token ?? startPage;
    const { recordCount } = context.page;
    if (recordCount === 0) return undefined;
    const pageSize = this.settings.pageSize ?? context.pageSize;
    if (totalPagesPath !== undefined) {
      const total = Number(valueAtKeyPath(await response.json(), totalPagesPath));
      if (!Number.isFinite(total)) {
        throw new ConnectorError(
          `The response to ${response.method} ${redactUrl(response.url)} has no page count at '${describeKeyPath(totalPagesPath)}' (totalPagesPath)`,
        );
      }
      if (current - startPage + 1 >= total) return undefined;
    } else if (stopOnPartialPage && pageSize !== undefined && recordCount < pageSize) {
      return undefined;
    }
    return current + 1;
  }
}
