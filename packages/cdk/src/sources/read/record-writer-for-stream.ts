import type { Logger } from '../../output/logger.js';
import type { MessageSink, RecordWriter } from '../../output/message-sink.js';
import type { StreamDescriptor } from '../../protocol/types.js';
import { compileNormalizer } from '../../schema/normalizer.js';
import type { Stream } from '../../streams/stream.js';
import { streamSchema } from '../../streams/stream-schema.js';

/**
 * Prepares, once per stream, what happens to each of its records: the sink's record writer
 * (for stdout, the envelope built once), preceded by the stream's schema normaliser, compiled
 * once, when the stream asked for normalisation.
 */
export async function recordWriterForStream(
  stream: Stream<object>,
  descriptor: StreamDescriptor,
  sink: MessageSink,
  logger: Logger,
): Promise<RecordWriter> {
  const write = sink.recordWriter(descriptor);
  if (stream.schemaNormalization !== 'default') return write;
  const normalize = compileNormalizer(await streamSchema(stream), ({ path, value, expected }) => {
    logger.warn(
      `Stream '${descriptor.name}': could not normalise the value at '${path || '(record)'}' (${describeType(value)}) to type '${expected}'; such values are written unchanged (reported once per path)`,
    );
  });
  return (data: object) => {
    normalize(data as Record<string, unknown>);
    return write(data);
  };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
