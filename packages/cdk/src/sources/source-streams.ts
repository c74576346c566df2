import { ConnectorError } from '../errors/connector-error.js';
import { type Stream, sourceSchemasDirs } from '../streams/stream.js';
import type { Source } from './source.js';

/**
 * Asks the source for its streams once, hands each stream the source's schemas folder as a
 * fallback, and rejects two streams with the same name (the catalog could not tell them apart).
 */
export async function sourceStreams<Config>(source: Source<Config>, config: Config): Promise<Stream<object>[]> {
  const streams = await source.streams(config);
  if (!Array.isArray(streams)) {
    throw new ConnectorError('Source.streams() must return an array of streams');
  }
  const explicit = source.schemasDir;
  const fallback = source.defaultSchemasDir();
  const seen = new Set<string>();
  for (const stream of streams) {
    const key = `${stream.namespace ?? ''}\0${stream.name}`;
    if (seen.has(key)) throw new ConnectorError(`Two streams are named '${stream.name}'; stream names must be unique`);
    seen.add(key);
    stream[sourceSchemasDirs] = { explicit, fallback };
  }
  return streams;
}
