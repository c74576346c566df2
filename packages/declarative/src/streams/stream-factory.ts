import { ConnectorError } from '@tributary/cdk';
import type { DeclarativeStream as DeclarativeStreamModel } from '../components/component-types.js';
import { findCustomComponents } from '../components/custom-components.js';
import { requestOptionProblems } from '../components/request-option-checks.js';
import { componentEnvironment } from '../interpolated/evaluation-context.js';
import { isMapping, isTruthy, type JsonMapping } from '../manifest/json-values.js';
import type { LoadedManifest } from '../manifest/load-manifest.js';
import { ManifestError } from '../manifest/manifest-error.js';
import { formatRawPath } from '../manifest/references.js';
import { catalogStreamUsesCache, parentStreamNames } from '../read/parent-cache-rules.js';
import type { ReadEnvironment } from '../read/read-environment.js';
import { ResponseCache } from '../requesters/response-cache.js';
import { createSchemaLoader } from '../schema-loaders/create-schema-loader.js';
import { locateIssue } from '../validation/validate-manifest.js';
import { DeclarativeStream, type StreamDefinition } from './declarative-stream.js';
import { evaluateString } from './evaluate-string.js';
import { declarativePrimaryKey } from './primary-key.js';
import { type StreamModel, streamModels } from './stream-models.js';

type Path = Array<string | number>;

/**
 * Builds the streams of a manifest for a config, as the Python CDK's
 * `ConcurrentDeclarativeSource.streams()` does: conditional streams kept when their condition
 * holds, a state-delegating stream as its full-refresh stream (there is no state yet), then for
 * each stream its name, primary key, cursor and schema loader; construction-time checks of the
 * CDK (request options, cursor options) fail the same way, naming the component.
 */
export function buildStreams(manifest: LoadedManifest, config: Record<string, unknown>): DeclarativeStream[] {
  const models = streamModels(manifest, config);
  const read = readEnvironment(manifest, config, models);
  return models.map(({ model, path }) => new DeclarativeStream(streamDefinition(manifest, model, path, read)));
}

/** What the streams of one read share: the clock, the parent-response cache, which streams are parents. */
function readEnvironment(manifest: LoadedManifest, config: Record<string, unknown>, models: readonly StreamModel[]): ReadEnvironment {
  return {
    manifest,
    config,
    env: componentEnvironment(config),
    cache: new ResponseCache(),
    parentNames: parentStreamNames(models.map(({ model }) => model as JsonMapping)),
    now: () => Date.now() / 1000,
  };
}

function streamDefinition(manifest: LoadedManifest, model: DeclarativeStreamModel, path: Path, read: ReadEnvironment): StreamDefinition {
  const { config } = read;
  const name = typeof model.name === 'string' ? model.name : '';
  const fail = (at: Path, message: string): never => {
    throw new ManifestError(`Stream '${name}' cannot be built`, [{ message, ...locateIssue(at, manifest.source) }]);
  };
  const problem = requestOptionProblems(model, path)[0];
  if (problem) fail(problem.path, problem.message);
  const custom = findCustomComponents(model, path);
  const definition: StreamDefinition = {
    name,
    primaryKey: declarativePrimaryKey(model.primary_key, name),
    schemaLoader: createSchemaLoader(manifest, model, path, config),
    fileBased: isTruthy(model.file_uploader),
    model,
    path,
    usesCache: catalogStreamUsesCache(model as JsonMapping, read.parentNames),
    read,
  };
  const cursorField = cursorFieldOf(model, [...path, 'incremental_sync'], config, fail);
  if (cursorField) definition.cursorField = cursorField;
  if (custom.length > 0) {
    const uses = custom.map((use) => `${use.className} (${use.type} at ${formatRawPath(use.path)})`).join(', ');
    definition.readBlocker = `Stream '${name}' needs custom Python components, which Tributary does not run: ${uses}`;
  }
  return definition;
}

/** The cursor field as the CDK's concurrent cursor takes it: the cursor's `cursor_field`, interpolated with the config. */
function cursorFieldOf(
  model: DeclarativeStreamModel,
  at: Path,
  config: Record<string, unknown>,
  fail: (at: Path, message: string) => never,
): string | undefined {
  const cursor = model.incremental_sync as JsonMapping | undefined;
  if (!isMapping(cursor)) return undefined;
  if (cursor.type === 'DatetimeBasedCursor') checkDatetimeCursor(cursor, at, fail);
  if (cursor.type === 'IncrementingCountCursor' && isMapping(model.retriever) && isTruthy(model.retriever.partition_router)) {
    fail(at, 'a PartitionRouter and an IncrementingCountCursor cannot be used together (the CDK does not support it)');
  }
  if (cursor.type !== 'DatetimeBasedCursor' && cursor.type !== 'IncrementingCountCursor') {
    throw ConnectorError.config(`Incremental sync of type ${String(cursor.type)} is not supported`);
  }
  const parameters = isMapping(cursor.$parameters) ? cursor.$parameters : {};
  const field = evaluateString(cursor.cursor_field, config, parameters);
  return field === '' ? undefined : field;
}

function checkDatetimeCursor(cursor: JsonMapping, at: Path, fail: (at: Path, message: string) => never): void {
  if (isTruthy(cursor.step) !== isTruthy(cursor.cursor_granularity)) {
    fail(
      at,
      `step and cursor_granularity go together: step is ${JSON.stringify(cursor.step ?? null)}, cursor_granularity is ${JSON.stringify(cursor.cursor_granularity ?? null)}`,
    );
  }
  if (cursor.is_data_feed === true && isTruthy(cursor.end_datetime)) fail(at, 'a data feed (is_data_feed) cannot have an end_datetime');
  if (cursor.is_data_feed === true && cursor.is_client_side_incremental === true) {
    fail(at, 'is_client_side_incremental cannot be combined with is_data_feed; choose one');
  }
}
