import { recordLineBuilder } from '../../output/record-line.js';
import { streamStateMessage, streamStatusMessage } from '../../protocol/messages.js';
import type { ConfiguredAirbyteStream, StreamDescriptor } from '../../protocol/types.js';
import { normalizeCursorField } from '../../streams/primary-key.js';
import type { ReadOptions } from '../../streams/read-options.js';
import type { Stream } from '../../streams/stream.js';
import type { ReadContext } from './read-context.js';
import { pumpRecords } from './record-pump.js';

/** The state a full-refresh stream ends with, as the Python CDK writes it. */
export const NO_CURSOR_STATE = Object.freeze({ __ab_no_cursor_state_message: true });

/**
 * Reads one configured stream to the end: RUNNING before its first record, its records, then
 * its final STATE carrying the record count. Errors propagate to the caller, which reports them.
 */
export async function readStream(
  stream: Stream<object>,
  configured: ConfiguredAirbyteStream,
  descriptor: StreamDescriptor,
  context: ReadContext,
): Promise<void> {
  const { writer, logger, signal } = context;
  const cursorField = configured.sync_mode === 'incremental' ? cursorFieldFor(stream, configured) : undefined;
  const options: ReadOptions = { syncMode: configured.sync_mode, logger, signal };
  if (cursorField) options.cursorField = cursorField;

  const records = await stream.readRecords(options);
  const count = await pumpRecords(records, {
    writer,
    toLine: recordLineBuilder(descriptor),
    beforeFirst: () => writer.writeMessage(streamStatusMessage(descriptor, 'RUNNING')),
    limit: context.internal.limit ?? Number.POSITIVE_INFINITY,
    alreadyWritten: 0,
    streamName: descriptor.name,
  });
  writer.writeMessage(streamStateMessage(descriptor, { ...NO_CURSOR_STATE }, count));
}

/** The source-defined cursor wins; otherwise the one the user chose in the catalog. */
function cursorFieldFor(stream: Stream<object>, configured: ConfiguredAirbyteStream): string[] | undefined {
  const own = normalizeCursorField(stream.cursorField);
  if (own.length > 0) return own;
  return configured.cursor_field && configured.cursor_field.length > 0 ? configured.cursor_field : undefined;
}
