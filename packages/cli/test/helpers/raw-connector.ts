/**
 * The raw connector (fixtures/raw-connector.mjs), an Airbyte source executable that writes what
 * its config says, and the entries of that config's `output`.
 */
import { join } from 'node:path';
import { repoRoot } from './cli.js';

/** The connector's arguments for `tributary sync`: `--command "node <it>"`. */
export const rawConnector = ['--command', `node ${join(repoRoot, 'packages/cli/test/fixtures/raw-connector.mjs')}`];

/** Records from..to of stream items, with a STATE after every `every`. */
export function records(from: number, to: number, every?: number) {
  return { records: { stream: 'items', from, to, ...(every === undefined ? {} : { state_every: every }) } };
}

/** One message, as it is. */
export function message(value: unknown) {
  return { message: value };
}

/** The STARTED status of stream items. */
export const STARTED = message({
  type: 'TRACE',
  trace: { type: 'STREAM_STATUS', emitted_at: 0, stream_status: { stream_descriptor: { name: 'items' }, status: 'STARTED' } },
});
