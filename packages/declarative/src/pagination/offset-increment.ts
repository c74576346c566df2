// The CDK's OffsetIncrement: the offset of the next page is the number of records read so far; it
// counts the records the extractor gave (before any record filter), so a filtered full page does
// not end the pages. `page_size` may be a template (over config and `response`).
import { ConnectorError } from '@tributary/cdk';
import type { OffsetIncrement as OffsetIncrementModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { pyOrder, truthy } from '../interpolation/values/compare.js';
import type { PyValue } from '../interpolation/values/object.js';
import type { PageOutcome } from './page-outcome.js';
import { integerPageSize, isIntegerToken, type PaginationStrategy } from './pagination-strategy.js';

export class OffsetIncrement implements PaginationStrategy {
  private readonly size: InterpolatedString | null;
  readonly initialToken: PyValue;

  constructor(
    model: OffsetIncrementModel,
    private readonly env: ComponentEnvironment,
    private readonly countsExtractedRecords = true,
  ) {
    const raw = model.page_size;
    const text = typeof raw === 'number' ? String(raw) : raw;
    this.size = text ? new InterpolatedString(text, parametersOf(model)) : null;
    this.initialToken = model.inject_on_first_request === true ? 0 : null;
  }

  pageSize(): number | null {
    if (this.size === null) return null;
    return integerPageSize(this.size.eval(this.env), this.size.text);
  }

  nextPageToken(outcome: PageOutcome, last: PyValue): PyValue {
    const count = this.countsExtractedRecords && outcome.extractedCount !== undefined ? outcome.extractedCount : outcome.lastPageSize;
    const requested = this.size === null ? null : this.size.eval(this.env, { response: outcome.response.decoded as PyValue });
    if ((truthy(requested) && pyOrder('<', count, requested)) || count === 0) return null;
    if (last === null) return count;
    if (!isIntegerToken(last)) {
      throw ConnectorError.config(`Last page token value ${String(last)} for OffsetIncrement pagination strategy was not an integer`);
    }
    return Number(last) + count;
  }
}
