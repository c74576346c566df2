// A stream's RecordSelector as the CDK's factory builds it: the stream's transformations, its
// schema when the selector normalises, the cursor's client-side filter when there is one, and
// whether the decoded response must stay as it came (the paginator reads the records' part of it).
import type { DeclarativeStream as DeclarativeStreamModel, RecordSelector as RecordSelectorModel } from '../components/component-types.js';
import { createRecordSelector } from '../extractors/create-record-selector.js';
import type { RecordSelector } from '../extractors/record-selector.js';
import type { StreamCursor } from '../incremental/create-cursor.js';
import { createSchemaLoader } from '../schema-loaders/create-schema-loader.js';
import { createTransformations } from '../transformations/create-transformations.js';
import type { ReadEnvironment, StreamSite } from './read-environment.js';

type ComponentModel = { type: string; [field: string]: unknown };

export async function buildSelector(
  model: DeclarativeStreamModel,
  selectorModel: RecordSelectorModel,
  built: StreamCursor,
  site: StreamSite,
  read: ReadEnvironment,
  keepResponse = false,
): Promise<RecordSelector> {
  const transformations = createTransformations(model.transformations as ComponentModel[] | undefined, read.env);
  const normalizes = selectorModel.schema_normalization === 'Default';
  const schema = normalizes ? await createSchemaLoader(read.manifest, model, site.path, read.config).getJsonSchema() : undefined;
  return createRecordSelector(selectorModel, read.env, {
    transformations,
    schema: schema as Record<string, unknown> | undefined,
    clientSideRange: built.clientSideIncremental ? built.cursor : undefined,
    warn: (message: string) => read.logger?.warn(message),
    keepResponse,
  });
}
