// The faker connector read in-process exactly as `tributary sync` reads it: the same invoke(),
// the same catalog (users and purchases, incremental, append_dedup as the sync's default
// catalog chooses), with the seed every case f run uses. The cases give what happens to each
// record.
import { invoke } from '@tributary/cdk/runtime';
import { FakerSource } from '../../connectors/source-faker/dist/index.js';

/**
 * Reads `count` users and `count` purchases; `recordWriter(descriptor)` returns the function
 * each of the stream's records goes to. Resolves to whether the read exited 0 with no TRACE error.
 */
export async function readFaker(count, recordWriter) {
  const config = { count, seed: 42 };
  let catalog;
  const quiet = { isClosed: false, writeMessage: () => {}, recordWriter: () => () => false, drain: async () => {} };
  await invoke(
    new FakerSource(),
    { command: 'discover', config },
    { ...quiet, writeMessage: (m) => (catalog = m.type === 'CATALOG' ? m.catalog : catalog) },
  );
  const streams = catalog.streams
    .filter((stream) => stream.name === 'users' || stream.name === 'purchases')
    .map((stream) => ({
      stream,
      sync_mode: 'incremental',
      destination_sync_mode: 'append_dedup',
      cursor_field: stream.default_cursor_field,
    }));
  let failed = false;
  const sink = {
    isClosed: false,
    writeMessage: (message) => {
      if (message.type === 'TRACE' && message.trace.type === 'ERROR') failed = true;
    },
    recordWriter,
    drain: async () => {},
  };
  const code = await invoke(new FakerSource(), { command: 'read', config, catalog: { streams } }, sink);
  return code === 0 && !failed;
}
