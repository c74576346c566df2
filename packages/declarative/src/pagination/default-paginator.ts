// The CDK's DefaultPaginator: a strategy's tokens wrapped as {"next_page_token": token}, the token
// injected where `page_token_option` says (or used as the path with RequestPath), the page size
// where `page_size_option` says (when the strategy has a non-zero one).
import { ConnectorError } from '@tributary/cdk';
import { truthy } from '../interpolation/values/compare.js';
import type { PyValue } from '../interpolation/values/object.js';
import { pyStr } from '../interpolation/values/repr.js';
import type { InjectInto, RequestOption, RequestValues } from '../requests/request-option.js';
import type { PageOutcome } from './page-outcome.js';
import type { PaginationStrategy } from './pagination-strategy.js';
import { type NextPageToken, type Paginator, tokenOf } from './paginator.js';

export interface DefaultPaginatorParts {
  readonly strategy: PaginationStrategy;
  readonly pageSizeOption: RequestOption | null;
  /** A RequestOption, 'path' for RequestPath, or null. */
  readonly pageTokenOption: RequestOption | 'path' | null;
}

export class DefaultPaginator implements Paginator {
  constructor(private readonly parts: DefaultPaginatorParts) {
    if (parts.pageSizeOption !== null && !parts.strategy.pageSize()) {
      throw ConnectorError.config('page_size_option cannot be set if the pagination strategy does not have a page_size');
    }
  }

  initialToken(): PyValue {
    return this.parts.strategy.initialToken;
  }

  pageSize(): number | null {
    return this.parts.strategy.pageSize();
  }

  nextPageToken(outcome: PageOutcome, lastPageTokenValue: PyValue): NextPageToken | null {
    const token = this.parts.strategy.nextPageToken(outcome, lastPageTokenValue);
    return truthy(token) ? { next_page_token: token } : null;
  }

  path(nextPageToken: NextPageToken | null): string | null {
    const token = tokenOf(nextPageToken);
    return truthy(token) && this.parts.pageTokenOption === 'path' ? pyStr(token) : null;
  }

  requestOptions(kind: InjectInto, nextPageToken: NextPageToken | null): RequestValues {
    const options: RequestValues = {};
    const token = tokenOf(nextPageToken);
    const tokenOption = this.parts.pageTokenOption;
    if (tokenOption !== null && tokenOption !== 'path' && token !== null && tokenOption.injectInto === kind)
      tokenOption.inject(options, token);
    const sizeOption = this.parts.pageSizeOption;
    if (sizeOption !== null && sizeOption.injectInto === kind) {
      const size = this.parts.strategy.pageSize();
      if (size) sizeOption.inject(options, size);
    }
    return options;
  }
}

/** The CDK's NoPagination: one page. */
export class NoPagination implements Paginator {
  initialToken(): PyValue {
    return null;
  }
  pageSize(): number | null {
    return null;
  }
  nextPageToken(): NextPageToken | null {
    return null;
  }
  path(): string | null {
    return null;
  }
  requestOptions(): RequestValues {
    return {};
  }
}
