import { ConnectorError } from '../../../errors/connector-error.js';
import type { HttpResponse } from '../../../http/http-response.js';
import { redactUrl } from '../../../http/redact-url.js';
import { describeKeyPath, type KeyPath, valueAtKeyPath } from '../../../json/key-path.js';
import { type InjectInto, injectValues, type PageRequest, type PaginationContext, type Paginator } from '../paginator.js';
import type { PageInfo } from '../request-options.js';

/** Pages addressed by the index of their first record (`?offset=&limit=`). */
export interface OffsetPaginatorOptions {
  /** The offset parameter (default `offset`). */
  offsetParam?: string;
  /** The limit parameter (default `limit`). */
  limitParam?: string;
  /** Records per page (the limit); default the stream's `pageSize`. Required one way or the other. */
  pageSize?: number;
  /** Where the response gives the total number of records (e.g. `meta.total`). */
  totalPath?: KeyPath;
  /** Stop after a page shorter than the limit (default true); see `PageNumberPaginatorOptions`. */
  stopOnPartialPage?: boolean;
  injectInto?: InjectInto;
}

/** `?offset=0&limit=100`, `?offset=100&limit=100`, …: the next offset counts the records actually received. */
export class OffsetPaginator implements Paginator<number> {
  constructor(private readonly settings: OffsetPaginatorOptions = {}) {}

  private limit(context: PaginationContext<number>): number {
    const limit = this.settings.pageSize ?? context.pageSize;
    if (limit === undefined || !(limit > 0)) {
      throw new ConnectorError('OffsetPaginator needs a page size: set `pageSize` on the paginator or on the stream');
    }
    return limit;
  }

  pageRequest(context: PaginationContext<number>): PageRequest {
    const { offsetParam = 'offset', limitParam = 'limit', injectInto = 'query' } = this.settings;
    return injectValues(injectInto, { [offsetParam]: context.token ?? 0, [limitParam]: this.limit(context) });
  }

  async nextPageToken(response: HttpResponse, context: PaginationContext<number> & { page: PageInfo }): Promise<number | undefined> {
    const { totalPath, stopOnPartialPage = true } = this.settings;
    const offset = context.token ?? 0;
    const { recordCount } = context.page;
    if (recordCount === 0) return undefined;
    const next = offset + recordCount;
    if (totalPath !== undefined) {
      const total = Number(valueAtKeyPath(await response.json(), totalPath));
      if (!Number.isFinite(total)) {
        throw new ConnectorError(
          `The response to ${response.method} ${redactUrl(response.url)} has no record count at '${describeKeyPath(totalPath)}' (totalPath)`,
        );
      }
      return next >= total ? undefined : next;
    }
    if (stopOnPartialPage && recordCount < this.limit(context)) return undefined;
    return next;
  }
}
