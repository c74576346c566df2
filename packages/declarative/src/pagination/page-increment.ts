// The CDK's PageIncrement: page numbers from `start_from_page` (0 by default), sent on the first
// request only with `inject_on_first_request`; the pages end with one that has no records or fewer
// than `page_size` records.
import { ConnectorError } from '@tributary/cdk';
import type { PageIncrement as PageIncrementModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import type { PyValue } from '../interpolation/values/object.js';
import type { PageOutcome } from './page-outcome.js';
import { integerPageSize, isIntegerToken, type PaginationStrategy } from './pagination-strategy.js';

export class PageIncrement implements PaginationStrategy {
  private readonly size: number | null;
  private readonly startFrom: number;
  readonly initialToken: PyValue;

  constructor(model: PageIncrementModel, env: ComponentEnvironment) {
    const raw = model.page_size;
    if (raw === undefined || raw === null) this.size = null;
    else if (typeof raw === 'number') this.size = raw;
    else this.size = integerPageSize(new InterpolatedString(raw, parametersOf(model)).eval(env), raw);
    this.startFrom = model.start_from_page ?? 0;
    this.initialToken = model.inject_on_first_request === true ? this.startFrom : null;
  }

  pageSize(): number | null {
    return this.size;
  }

  nextPageToken(outcome: PageOutcome, last: PyValue): PyValue {
    const count = outcome.lastPageSize;
    if ((this.size && count < this.size) || count === 0) return null;
    if (last === null) return this.startFrom + 1;
    if (!isIntegerToken(last)) {
      throw ConnectorError.config(`Last page token value ${String(last)} for PageIncrement pagination strategy was not an integer`);
    }
    return Number(last) + 1;
  }
}
