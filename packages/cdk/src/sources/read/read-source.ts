import { ConnectorError } from '../../errors/connector-error.js';
import { errorTraceFor } from '../../errors/error-trace.js';
import { errorTraceMessage, streamDescriptor, streamStatusMessage } from '../../protocol/messages.js';
import type { ConfiguredAirbyteCatalog, StreamDescriptor } from '../../protocol/types.js';
import { type InputState, stateKey } from '../../state/input-state.js';
import type { StreamState } from '../../state/stream-state.js';
import type { Stream } from '../../streams/stream.js';
import type { ReadContext } from './read-context.js';
import { runStreamReads } from './read-scheduler.js';
import { StreamRead } from './stream-read.js';

/** Slices read at the same time when neither the source nor the user says otherwise. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Reads the configured streams, in catalog order, `concurrency` slices at a time. A failing
 * stream is reported (INCOMPLETE, then its TRACE error) and the others still run; if any failed,
 * the read ends with one `config_error` naming them all, so the process exits non-zero as the
 * platform expects.
 */
export async function readSource(
  streams: Stream<object>[],
  catalog: ConfiguredAirbyteCatalog,
  context: ReadContext,
  concurrency: number = DEFAULT_CONCURRENCY,
): Promise<void> {
  const { writer } = context;
  const failed: string[] = [];
  const reads: StreamRead[] = [];

  for (const configured of catalog.streams) {
    const { name, namespace } = configured.stream;
    const descriptor = streamDescriptor(name, namespace);
    const stream = findStream(streams, name, namespace);
    if (stream === undefined) {
      writer.writeMessage(streamStatusMessage(descriptor, 'INCOMPLETE'));
      const available = streams.map((s) => (s.namespace === undefined ? s.name : `${s.namespace}.${s.name}`)).join(', ') || 'none';
      const missing = ConnectorError.config(
        `Stream '${name}' is in the configured catalog but this source does not provide it (available streams: ${available}); run discover again and update the catalog`,
      );
      writer.writeMessage(errorTraceMessage(errorTraceFor(missing, descriptor)));
      failed.push(name);
      continue;
    }
    reads.push(new StreamRead(stream, configured, descriptor, context, inputStateOf(context.inputState, descriptor)));
  }

  await runStreamReads(reads, Math.max(1, concurrency), () => context.signal.aborted || writer.isClosed);
  for (const read of reads) if (read.failed) failed.push(read.descriptor.name);

  if (failed.length > 0) {
    throw ConnectorError.config(`During the sync, the following streams did not sync successfully: ${failed.join(', ')}`);
  }
}

/**
 * The source's stream for a catalog entry. As in the Python CDK the name decides; the namespace
 * only chooses between streams that share a name (a hand-written catalog often leaves it out).
 */
function findStream(streams: Stream<object>[], name: string, namespace: string | undefined): Stream<object> | undefined {
  const named = streams.filter((stream) => stream.name === name);
  if (named.length <= 1) return named[0];
  return named.find((stream) => stream.namespace === namespace) ?? named.find((stream) => stream.namespace === undefined);
}

/** The stream's input state; a state written without a namespace still applies to the stream. */
function inputStateOf(state: InputState, stream: StreamDescriptor): StreamState | undefined {
  return (
    state.streams.get(stateKey(stream)) ?? (stream.namespace === undefined ? undefined : state.streams.get(stateKey({ name: stream.name })))
  );
}
