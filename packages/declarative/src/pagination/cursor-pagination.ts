// The CDK's CursorPagination: the next token is `cursor_value` evaluated over the last response
// (`response`, `headers`, `last_record`, `last_page_size`, `page_size`); no next page when
// `stop_condition` holds or the token is empty (falsy).
import type { CursorPagination as CursorPaginationModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedBoolean } from '../interpolated/interpolated-boolean.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { truthy } from '../interpolation/values/compare.js';
import type { PyValue } from '../interpolation/values/object.js';
import { headersForTemplates, type PageOutcome, recordValue } from './page-outcome.js';
import { integerPageSize, type PaginationStrategy } from './pagination-strategy.js';

export class CursorPagination implements PaginationStrategy {
  private readonly cursorValue: InterpolatedString;
  private readonly stopCondition: InterpolatedBoolean | null;
  private readonly size: number | null;
  readonly initialToken: PyValue = null;

  constructor(
    model: CursorPaginationModel,
    private readonly env: ComponentEnvironment,
  ) {
    const parameters = parametersOf(model);
    this.cursorValue = new InterpolatedString(model.cursor_value, parameters);
    this.stopCondition = model.stop_condition ? new InterpolatedBoolean(model.stop_condition, parameters) : null;
    const raw = model.page_size;
    if (raw === undefined || raw === null) this.size = null;
    else if (typeof raw === 'number') this.size = raw;
    else this.size = integerPageSize(new InterpolatedString(raw, parameters).eval(env), raw);
  }

  pageSize(): number | null {
    return this.size;
  }

  nextPageToken(outcome: PageOutcome): PyValue {
    const context = {
      response: outcome.response.decoded as PyValue,
      headers: headersForTemplates(outcome.response.headers),
      last_record: recordValue(outcome.lastRecord),
      last_page_size: outcome.lastPageSize,
      page_size: this.size,
    };
    if (this.stopCondition?.eval(this.env, context)) return null;
    const token = this.cursorValue.eval(this.env, context);
    return truthy(token) ? token : null;
  }
}
