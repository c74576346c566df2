import type { AirbyteStream, SyncMode } from '../protocol/types.js';
import { normalizeCursorField, normalizePrimaryKey } from '../streams/primary-key.js';
import type { Stream } from '../streams/stream.js';
import { streamSchema } from '../streams/stream-schema.js';

/** How `discover` describes a stream. */
export async function discoverEntry(stream: Stream<object>): Promise<AirbyteStream> {
  const cursorField = normalizeCursorField(stream.cursorField);
  const incremental = cursorField.length > 0;
  const modes: SyncMode[] = incremental ? ['full_refresh', 'incremental'] : ['full_refresh'];
  const entry: AirbyteStream = {
    name: stream.name,
    json_schema: await streamSchema(stream),
    supported_sync_modes: modes,
  };
  if (incremental) {
    entry.source_defined_cursor = true;
    entry.default_cursor_field = cursorField;
  }
  const primaryKey = normalizePrimaryKey(stream.primaryKey);
  if (primaryKey) entry.source_defined_primary_key = primaryKey;
  if (stream.namespace !== undefined) entry.namespace = stream.namespace;
  entry.is_resumable = incremental || stream.supportsResumableFullRefresh === true;
  if (stream.isFileBased !== undefined) entry.is_file_based = stream.isFileBased;
  return entry;
}
