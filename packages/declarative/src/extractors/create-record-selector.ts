// Builds a RecordSelector from the manifest, as the CDK's factory does: with client-side
// incremental sync the filter first asks the cursor and transformations run before filtering
// unless the manifest says otherwise; normalisation only with `schema_normalization: Default` and
// a non-empty schema.
import { ConnectorError } from '@tributary/cdk';
import type { DpathExtractor as DpathExtractorModel, RecordSelector as RecordSelectorModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import type { RecordTransformation } from '../transformations/transformation.js';
import { DpathExtractor } from './dpath-extractor.js';
import { RecordFilter, type SyncRange } from './record-filter.js';
import { RecordSelector } from './record-selector.js';
import { type NormalizationWarningSink, TypeTransformer } from './type-transformer.js';

/**
 * What a record selector needs beyond its component: the stream's schema (for type transformations)
 * and where to report warnings.
 */
export interface RecordSelectorOptions {
  readonly transformations: readonly RecordTransformation[];
  /** The stream's schema (normalisation uses it when the selector asks for it). */
  readonly schema?: Record<string, unknown>;
  /** The cursor, when the stream filters incremental records client-side. */
  readonly clientSideRange?: SyncRange;
  readonly warn?: NormalizationWarningSink;
  /** The paginator reads the records' part of the decoded response: records are transformed as copies. */
  readonly keepResponse?: boolean;
}

/** The extractor a manifest describes (`DpathExtractor`), compiled once per stream. */
export function createExtractor(model: RecordSelectorModel['extractor'], env: ComponentEnvironment): DpathExtractor {
  if (model.type !== 'DpathExtractor') {
    throw ConnectorError.config(`Record extractor ${model.type} cannot run in Tributary (custom Python components are not supported)`);
  }
  return new DpathExtractor(model as DpathExtractorModel, env);
}

/**
 * The record selector a manifest describes: extraction, filtering and transformations, compiled
 * once per stream.
 */
export function createRecordSelector(
  model: RecordSelectorModel,
  env: ComponentEnvironment,
  options: RecordSelectorOptions,
): RecordSelector {
  const filterModel = model.record_filter as { type?: string; condition?: string; $parameters?: Record<string, unknown> } | undefined;
  if (filterModel !== undefined && filterModel.type !== 'RecordFilter') {
    throw ConnectorError.config(`Record filter ${filterModel.type} cannot run in Tributary (custom Python components are not supported)`);
  }
  let filter = filterModel ? new RecordFilter(filterModel.condition ?? '', parametersOf(filterModel), env) : null;
  let transformBeforeFiltering = model.transform_before_filtering === true;
  if (options.clientSideRange !== undefined) {
    filter = new RecordFilter(filterModel?.condition ?? '', parametersOf(model), env, options.clientSideRange);
    transformBeforeFiltering = model.transform_before_filtering ?? true;
  }
  const normalize = model.schema_normalization === 'Default' && options.schema !== undefined && Object.keys(options.schema).length > 0;
  return new RecordSelector({
    extractor: createExtractor(model.extractor, env),
    filter,
    transformations: options.transformations,
    transformBeforeFiltering,
    normalizer: normalize ? new TypeTransformer(options.schema as Record<string, unknown>, options.warn) : null,
    keepResponse: options.keepResponse ?? false,
  });
}
