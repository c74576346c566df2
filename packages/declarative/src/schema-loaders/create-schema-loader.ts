import type {
  DeclarativeStream as DeclarativeStreamModel,
  InlineSchemaLoader as InlineSchemaLoaderModel,
} from '../components/component-types.js';
import { isCustomComponent } from '../components/custom-components.js';
import { isMapping } from '../manifest/json-values.js';
import type { LoadedManifest } from '../manifest/load-manifest.js';
import { ManifestError } from '../manifest/manifest-error.js';
import { evaluateString } from '../streams/evaluate-string.js';
import { locateIssue } from '../validation/validate-manifest.js';
import { CompositeSchemaLoader } from './composite-schema-loader.js';
import { InlineSchemaLoader } from './inline-schema-loader.js';
import { DefaultSchemaLoader, JsonFileSchemaLoader } from './json-file-schema-loader.js';
import type { SchemaLoader } from './schema-loader.js';

type Path = Array<string | number>;

/**
 * The schema loader of a stream: inline schemas and schema files need no network. A custom
 * (Python) schema loader cannot run here, and a `DynamicSchemaLoader` asks the API, which
 * `discover` does not do yet: both fail with a config error naming the component.
 */
export function createSchemaLoader(
  manifest: LoadedManifest,
  stream: DeclarativeStreamModel,
  path: Path,
  config: Record<string, unknown>,
): SchemaLoader {
  const name = typeof stream.name === 'string' ? stream.name : '';
  const model = stream.schema_loader as unknown;
  const at = [...path, 'schema_loader'];
  if (model === undefined || model === null) {
    const parameters = isMapping(stream.$parameters) ? stream.$parameters : {};
    const fileName = typeof parameters.name === 'string' ? parameters.name : name;
    return new DefaultSchemaLoader(new JsonFileSchemaLoader(`schemas/${fileName}.json`, name, manifest.directory));
  }
  if (Array.isArray(model)) {
    return new CompositeSchemaLoader(model.map((item, index) => single(manifest, item, [...at, index], name, config)));
  }
  return single(manifest, model, at, name, config);
}

function single(manifest: LoadedManifest, model: unknown, at: Path, streamName: string, config: Record<string, unknown>): SchemaLoader {
  const fail = (message: string): never => {
    throw new ManifestError(`The schema of stream '${streamName}' cannot be loaded`, [{ message, ...locateIssue(at, manifest.source) }]);
  };
  if (!isMapping(model)) return fail('schema_loader must be a component');
  if (isCustomComponent(model)) {
    return fail(`it is the custom Python component ${String(model.class_name)} (${model.type}), which Tributary does not run`);
  }
  switch (model.type) {
    case 'InlineSchemaLoader':
      return new InlineSchemaLoader(model as unknown as InlineSchemaLoaderModel);
    case 'JsonFileSchemaLoader': {
      const parameters = isMapping(model.$parameters) ? model.$parameters : {};
      const fileName = typeof parameters.name === 'string' ? parameters.name : streamName;
      const file = model.file_path ? evaluateString(model.file_path, config, parameters) : `schemas/${fileName}.json`;
      return new JsonFileSchemaLoader(file, streamName, manifest.directory);
    }
    case 'DynamicSchemaLoader':
      return fail('a DynamicSchemaLoader reads the schema from the API, which Tributary does not support yet');
    default:
      return fail(`unknown schema loader type ${JSON.stringify(model.type)}`);
  }
}
