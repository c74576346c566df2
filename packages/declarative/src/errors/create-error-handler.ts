// Builds a requester's error handler from the manifest, as the CDK's factory does (a requester
// without one gets a DefaultErrorHandler with no filters and no strategies).
import { ConnectorError } from '@tributary/cdk';
import type {
  CompositeErrorHandler as CompositeModel,
  ConstantBackoffStrategy as ConstantModel,
  DefaultErrorHandler as DefaultModel,
  ExponentialBackoffStrategy as ExponentialModel,
  WaitTimeFromHeader as WaitTimeModel,
  WaitUntilTimeFromHeader as WaitUntilModel,
} from '../components/component-types.js';
import type { ComponentEnvironment } from '../interpolated/evaluation-context.js';
import type { BackoffStrategy } from './backoff-strategy.js';
import { ConstantBackoff, ExponentialBackoff, type RandomSource } from './constant-backoff.js';
import { CompositeErrorHandler, DefaultErrorHandler, type ErrorHandler } from './error-handler.js';
import { WaitTimeFromHeader, WaitUntilTimeFromHeader } from './header-backoff.js';
import { HttpResponseFilter } from './http-response-filter.js';

type Model = { type: string; [field: string]: unknown };

/**
 * The error handler a manifest's `error_handler` describes, or the CDK's default mapping when it
 * has none.
 */
export function createErrorHandler(model: Model | undefined, env: ComponentEnvironment, random?: RandomSource): ErrorHandler {
  if (model === undefined) return new DefaultErrorHandler({}, env, [], []);
  if (model.type === 'CompositeErrorHandler') {
    return new CompositeErrorHandler(
      (model as CompositeModel).error_handlers.map((handler) => createErrorHandler(handler as Model, env, random)),
    );
  }
  if (model.type !== 'DefaultErrorHandler')
    throw ConnectorError.config(`Error handler ${model.type} cannot run in Tributary (custom Python components are not supported)`);
  const handler = model as DefaultModel;
  const filters = (handler.response_filters ?? []).map((filter) => new HttpResponseFilter(filter, env));
  const strategies = (handler.backoff_strategies ?? []).map((strategy) => createBackoffStrategy(strategy as Model, env, random));
  return new DefaultErrorHandler(handler, env, filters, strategies);
}

/**
 * The backoff strategy a manifest describes; `random` is injectable so tests can pin the jitter.
 */
export function createBackoffStrategy(model: Model, env: ComponentEnvironment, random?: RandomSource): BackoffStrategy {
  switch (model.type) {
    case 'ConstantBackoffStrategy':
      return new ConstantBackoff(model as ConstantModel, env, random);
    case 'ExponentialBackoffStrategy':
      return new ExponentialBackoff(model as ExponentialModel, env, random);
    case 'WaitTimeFromHeader':
      return new WaitTimeFromHeader(model as WaitTimeModel, env);
    case 'WaitUntilTimeFromHeader':
      return new WaitUntilTimeFromHeader(model as WaitUntilModel, env);
    default:
      throw ConnectorError.config(`Backoff strategy ${model.type} cannot run in Tributary (custom Python components are not supported)`);
  }
}
