import { ConnectorError } from '../../../errors/connector-error.js';
import type { HttpResponse } from '../../../http/http-response.js';
import { redactUrl } from '../../../http/redact-url.js';
import { describeKeyPath, type KeyPath, valueAtKeyPath } from '../../../json/key-path.js';
import { type InjectInto, injectValues, type PageRequest, type PaginationContext, type Paginator } from '../paginator.js';
import type { PageInfo } from '../request-options.js';

/** Options shared by the cursor paginators. */
export interface CursorOptions {
  /** The parameter that sends the cursor back (default `cursor`). */
  cursorParam?: string;
  /** Where the cursor goes: the query (default), a header or the JSON body. */
  injectInto?: InjectInto;
  /** Records per page; default the stream's `pageSize`. Sent on every page when `pageSizeParam` is set. */
  pageSize?: number;
  pageSizeParam?: string;
  /** Stop after a page with no records even if it carries a cursor (default true). */
  stopOnEmptyPage?: boolean;
}

/** A cursor as a string, or undefined for "no more pages". */
export function cursorText(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null || value === false || value === '') return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  throw new ConnectorError(
    `The next-page cursor at ${where} is ${Array.isArray(value) ? 'an array' : typeof value}, not a string or number`,
  );
}

/** The request parts common to the cursor paginators. */
export function cursorPageRequest(settings: CursorOptions, context: PaginationContext<string>): PageRequest {
  const { cursorParam = 'cursor', injectInto = 'query', pageSizeParam } = settings;
  const pageSize = settings.pageSize ?? context.pageSize;
  const request = injectValues(injectInto, { [cursorParam]: context.token });
  if (pageSizeParam !== undefined && pageSize !== undefined) {
    // The page size always goes in the query unless the cursor goes in the body, where APIs expect both.
    const sized = injectValues(injectInto === 'body' ? 'body' : 'query', { [pageSizeParam]: pageSize });
    return {
      ...request,
      ...(sized.params ? { params: { ...request.params, ...sized.params } } : {}),
      ...(sized.bodyJson ? { bodyJson: { ...request.bodyJson, ...sized.bodyJson } } : {}),
    };
  }
  return request;
}

/** A cursor found in the response body, sent back as a parameter to get the next page. */
export interface CursorPaginatorOptions extends CursorOptions {
  /** Where the response body holds the next cursor, e.g. `meta.next_cursor`. */
  cursorPath: KeyPath;
  /** Where the body says whether more pages follow (e.g. `has_more`); a falsy value stops. */
  hasMorePath?: KeyPath;
}

/** A cursor taken from the response body (`{"meta": {"next_cursor": "abc"}}`) and sent as `?cursor=abc`. */
export class CursorPaginator implements Paginator<string> {
  constructor(private readonly settings: CursorPaginatorOptions) {}

  pageRequest(context: PaginationContext<string>): PageRequest {
    return cursorPageRequest(this.settings, context);
  }

  async nextPageToken(response: HttpResponse, context: PaginationContext<string> & { page: PageInfo }): Promise<string | undefined> {
    const { cursorPath, hasMorePath, stopOnEmptyPage = true } = this.settings;
    if (stopOnEmptyPage && context.page.recordCount === 0) return undefined;
    const body = await response.json();
    if (hasMorePath !== undefined && !valueAtKeyPath(body, hasMorePath)) return undefined;
    return cursorText(valueAtKeyPath(body, cursorPath), `'${describeKeyPath(cursorPath)}' of ${redactUrl(response.url)}`);
  }
}

/** A cursor found in a response header, sent back as a parameter to get the next page. */
export interface HeaderCursorPaginatorOptions extends CursorOptions {
  /** The response header holding the next cursor, e.g. `X-Next-Cursor`. */
  header: string;
}

/** A cursor taken from a response header and sent back as a parameter. */
export class HeaderCursorPaginator implements Paginator<string> {
  constructor(private readonly settings: HeaderCursorPaginatorOptions) {}

  pageRequest(context: PaginationContext<string>): PageRequest {
    return cursorPageRequest(this.settings, context);
  }

  nextPageToken(response: HttpResponse, context: PaginationContext<string> & { page: PageInfo }): string | undefined {
    if ((this.settings.stopOnEmptyPage ?? true) && context.page.recordCount === 0) return undefined;
    return cursorText(response.headers.get(this.settings.header)?.trim(), `header ${this.settings.header}`);
  }
}
