import { ConnectorError } from '@tributary/cdk';
import type { DeclarativeStream as DeclarativeStreamModel } from '../components/component-types.js';
import { isMapping, type JsonMapping } from '../manifest/json-values.js';
import type { LoadedManifest } from '../manifest/load-manifest.js';
import { evaluateCondition } from './evaluate-string.js';

/** A stream component to build, with its path in the resolved manifest. */
export interface StreamModel {
  model: DeclarativeStreamModel;
  path: Array<string | number>;
}

/**
 * The stream components of a manifest for a config, in the Python CDK's order (`_stream_configs`,
 * then dynamic streams): a `ConditionalStreams` contributes its streams when its condition holds
 * for the config; a `StateDelegatingStream` stands for its `full_refresh_stream` until a state
 * exists.
 */
export function streamModels(manifest: LoadedManifest, config: Record<string, unknown>): StreamModel[] {
  const models: StreamModel[] = [];
  const streams = Array.isArray(manifest.resolved.streams) ? manifest.resolved.streams : [];
  streams.forEach((stream, index) => {
    const path = ['streams', index];
    if (!isMapping(stream)) return;
    if (stream.type === 'ConditionalStreams') {
      if (!evaluateCondition(stream.condition, config, {})) return;
      const inner = Array.isArray(stream.streams) ? stream.streams : [];
      inner.forEach((item, innerIndex) => {
        models.push(modelOf(item as JsonMapping, [...path, 'streams', innerIndex]));
      });
    } else {
      models.push(modelOf(stream as JsonMapping, path));
    }
  });
  if (Array.isArray(manifest.resolved.dynamic_streams) && manifest.resolved.dynamic_streams.length > 0) {
    throw ConnectorError.config('This manifest has dynamic_streams, which Tributary does not support yet');
  }
  return models;
}

function modelOf(stream: JsonMapping, path: Array<string | number>): StreamModel {
  if (stream.type === 'StateDelegatingStream' && isMapping(stream.full_refresh_stream)) {
    return { model: stream.full_refresh_stream as DeclarativeStreamModel, path: [...path, 'full_refresh_stream'] };
  }
  return { model: stream as DeclarativeStreamModel, path };
}
