import { type HttpRequestOptions, HttpStream, type QueryParams } from '@tributary/cdk';
import type { ApiSettings } from '../config.js';

/**
 * A collection of a json-server (v0.17) API: `GET /<name>` returns a JSON array; `_page` and
 * `_limit` paginate (with a `Link` header to the next page), `_start`/`_limit` slice,
 * `_sort`/`_order` sort and `<field>_gte` filters.
 */
export abstract class JsonServerStream<R> extends HttpStream<R> {
  primaryKey = 'id';

  constructor(protected readonly api: ApiSettings) {
    super();
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
}

/**
 * The filter and order of an incremental read on `field`: records updated at or after the
 * cursor (or the start date on a first sync), oldest first. `_gte` is inclusive, so records at
 * exactly the cursor are read again: at least once, never lost (destinations dedupe by `id`).
 */
export function updatedSince(field: string, options: HttpRequestOptions, startDate: string | undefined): QueryParams {
  if (options.syncMode !== 'incremental') return { _sort: 'id', _order: 'asc' };
  const cursor = options.state?.[field];
  const since = typeof cursor === 'string' ? cursor : startDate;
  return { _sort: `${field},id`, _order: 'asc,asc', ...(since === undefined ? {} : { [`${field}_gte`]: since }) };
}
