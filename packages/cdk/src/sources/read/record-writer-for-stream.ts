import type { Logger } from '../../output/logger.js';
import { recordLineBuilder } from '../../output/record-line.js';
import type { StreamDescriptor } from '../../protocol/types.js';
import { compileNormalizer } from '../../schema/normalizer.js';
import type { Stream } from '../../streams/stream.js';
import { streamSchema } from '../airbyte-stream.js';

/**
 * Prepares, once per stream, the function that turns a record into its RECORD line: the
 * envelope built once, and the stream's schema normaliser compiled once when it asked for one.
 */
export async function recordLineForStream(
  stream: Stream<object>,
  descriptor: StreamDescriptor,
  logger: Logger,
): Promise<(data: object) => string> {
  const toLine = recordLineBuilder(descriptor);
  if (stream.schemaNormalization !== 'default') return toLine;
  const normalize = compileNormalizer(await streamSchema(stream), ({ path, value, expected }) => {
    logger.warn(
      `Stream '${descriptor.name}': could not normalise the value at '${path || '(record)'}' (${describeType(value)}) to type '${expected}'; such values are written unchanged (reported once per path)`,
    );
  });
  return (data: object) => {
    normalize(data as Record<string, unknown>);
    return toLine(data);
  };
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
