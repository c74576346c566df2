// Builds a paginator from the manifest, as the CDK's factory does: the strategy, its options, the
// data-feed stop condition when the stream's cursor asks for it, and the check that the page size
// and page token options do not write the same field.
import { ConnectorError } from '@tributary/cdk';
import type {
  CursorPagination as CursorPaginationModel,
  DefaultPaginator as DefaultPaginatorModel,
  NoPagination as NoPaginationModel,
  OffsetIncrement as OffsetIncrementModel,
  PageIncrement as PageIncrementModel,
  RequestOption as RequestOptionModel,
} from '../components/component-types.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import { combineMappings } from '../requests/combine-mappings.js';
import { RequestOption } from '../requests/request-option.js';
import { CursorPagination } from './cursor-pagination.js';
import { DefaultPaginator, NoPagination } from './default-paginator.js';
import { OffsetIncrement } from './offset-increment.js';
import { PageIncrement } from './page-increment.js';
import type { PaginationStrategy } from './pagination-strategy.js';
import type { Paginator } from './paginator.js';
import { type RecordRange, StopConditionPaginationStrategy } from './stop-condition.js';

/** What a paginator needs beyond its component: the URL base, the decoder and the environment. */
export interface PaginatorOptions {
  /** The stream's cursor when it is a data feed (`is_data_feed`). */
  readonly dataFeedCursor?: RecordRange;
}

/** The paginator a manifest describes (`DefaultPaginator` and its strategies), or none. */
export function createPaginator(
  model: DefaultPaginatorModel | NoPaginationModel | undefined,
  env: ComponentEnvironment,
  options: PaginatorOptions = {},
): Paginator {
  if (model === undefined || model.type === 'NoPagination') return new NoPagination();
  let strategy = createStrategy(model.pagination_strategy, env);
  if (options.dataFeedCursor !== undefined) strategy = new StopConditionPaginationStrategy(strategy, options.dataFeedCursor);
  const pageSizeOption = model.page_size_option ? new RequestOption(model.page_size_option, {}, env) : null;
  const tokenModel = model.page_token_option;
  const pageTokenOption =
    tokenModel === undefined
      ? null
      : tokenModel.type === 'RequestPath'
        ? 'path'
        : new RequestOption(tokenModel as RequestOptionModel, {}, env);
  if (pageSizeOption !== null && pageTokenOption !== null && pageTokenOption !== 'path') checkNoConflict(pageSizeOption, pageTokenOption);
  return new DefaultPaginator({ strategy, pageSizeOption, pageTokenOption });
}

function createStrategy(model: DefaultPaginatorModel['pagination_strategy'], env: ComponentEnvironment): PaginationStrategy {
  switch (model.type) {
    case 'PageIncrement':
      return new PageIncrement(model as PageIncrementModel, env);
    case 'OffsetIncrement':
      return new OffsetIncrement(model as OffsetIncrementModel, env);
    case 'CursorPagination':
      return new CursorPagination(model as CursorPaginationModel, env);
    default:
      throw ConnectorError.config(`Pagination strategy ${model.type} cannot run in Tributary (custom Python components are not supported)`);
  }
}

/** The CDK's _validate_component_request_option_paths: two options of one kind must not collide. */
function checkNoConflict(a: RequestOption, b: RequestOption): void {
  if (a.injectInto !== b.injectInto) return;
  const first = {};
  const second = {};
  a.inject(first, 'dummy_value_0');
  b.inject(second, 'dummy_value_1');
  combineMappings([first, second], a.injectInto === 'body_json');
}
