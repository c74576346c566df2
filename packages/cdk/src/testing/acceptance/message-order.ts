import type { AirbyteMessage, StreamStatus } from '../../index.js';
import { streamKey } from '../results.js';

/**
 * The order rules of a read, per stream: statuses go `STARTED`, `RUNNING`…, then one terminal
 * `COMPLETE` or `INCOMPLETE`; records come after a `RUNNING` and before the terminal status;
 * states after `STARTED` and before the terminal status. Every configured stream starts and ends.
 */
export function statusProblems(messages: readonly AirbyteMessage[], configured: ReadonlySet<string>, label: string): string[] {
  const problems: string[] = [];
  const phase = new Map<string, 'started' | 'running' | StreamStatus>();
  const reported = new Set<string>();
  const problem = (stream: string, text: string) => {
    const key = `${stream}\0${text}`;
    if (reported.has(key)) return;
    reported.add(key);
    problems.push(`${label}, stream '${stream}': ${text}`);
  };
  messages.forEach((message, index) => {
    if (message.type === 'TRACE' && message.trace.type === 'STREAM_STATUS' && message.trace.stream_status !== undefined) {
      const stream = streamKey(message.trace.stream_status.stream_descriptor);
      const status = message.trace.stream_status.status;
      const current = phase.get(stream);
      if (!configured.has(stream)) problem(stream, 'has statuses but is not in the catalog');
      if (status === 'STARTED') {
        if (current !== undefined) problem(stream, `STARTED again (message ${index + 1})`);
        phase.set(stream, 'started');
      } else if (status === 'RUNNING') {
        if (current === undefined) problem(stream, `RUNNING before STARTED (message ${index + 1})`);
        else if (current === 'COMPLETE' || current === 'INCOMPLETE') problem(stream, `RUNNING after ${current} (message ${index + 1})`);
        else phase.set(stream, 'running');
      } else {
        if (current === undefined) problem(stream, `${status} before STARTED (message ${index + 1})`);
        else if (current === 'COMPLETE' || current === 'INCOMPLETE') problem(stream, `${status} after ${current} (message ${index + 1})`);
        phase.set(stream, status);
      }
    } else if (message.type === 'RECORD') {
      const stream = streamKey({ name: message.record.stream, namespace: message.record.namespace });
      const current = phase.get(stream);
      if (current === undefined || current === 'started')
        problem(stream, `a record comes before the stream's RUNNING status (message ${index + 1})`);
      else if (current === 'COMPLETE' || current === 'INCOMPLETE')
        problem(stream, `a record comes after ${current} (message ${index + 1})`);
    } else if (message.type === 'STATE' && message.state.stream !== undefined) {
      const stream = streamKey(message.state.stream.stream_descriptor);
      const current = phase.get(stream);
      if (current === undefined) problem(stream, `a STATE comes before STARTED (message ${index + 1})`);
      else if (current === 'COMPLETE' || current === 'INCOMPLETE') problem(stream, `a STATE comes after ${current} (message ${index + 1})`);
    }
  });
  for (const stream of configured) {
    const current = phase.get(stream);
    if (current === undefined) problem(stream, 'never reported STARTED');
    else if (current !== 'COMPLETE' && current !== 'INCOMPLETE') problem(stream, 'never reported COMPLETE or INCOMPLETE');
  }
  return problems;
}

/**
 * What makes STATE messages usable: per-stream (or global) states of configured streams whose
 * blob is an object; `sourceStats.recordCount` equal to the stream's records since its previous
 * STATE (the platform checks it); and, for every stream that completed, a STATE after its last record.
 */
export function stateProblems(messages: readonly AirbyteMessage[], configured: ReadonlySet<string>, label: string): string[] {
  const problems: string[] = [];
  const sinceState = new Map<string, number>();
  const lastRecordAt = new Map<string, number>();
  const lastStateAt = new Map<string, number>();
  const completed = new Set<string>();
  messages.forEach((message, index) => {
    const at = `${label}, message ${index + 1}`;
    if (message.type === 'RECORD') {
      const stream = streamKey({ name: message.record.stream, namespace: message.record.namespace });
      sinceState.set(stream, (sinceState.get(stream) ?? 0) + 1);
      lastRecordAt.set(stream, index);
    } else if (message.type === 'TRACE' && message.trace.stream_status?.status === 'COMPLETE') {
      completed.add(streamKey(message.trace.stream_status.stream_descriptor));
    } else if (message.type === 'STATE') {
      const { state } = message;
      const type = state.type ?? 'LEGACY';
      if (type === 'LEGACY') {
        problems.push(`${at}: a LEGACY state; write per-stream (STREAM) states`);
        return;
      }
      if (type === 'GLOBAL') {
        for (const entry of state.global?.stream_states ?? []) {
          const stream = streamKey(entry.stream_descriptor);
          if (!configured.has(stream)) problems.push(`${at}: a GLOBAL state for stream '${stream}', which is not in the catalog`);
          lastStateAt.set(stream, index);
        }
        return;
      }
      const descriptor = state.stream?.stream_descriptor;
      if (descriptor === undefined) return;
      const stream = streamKey(descriptor);
      if (!configured.has(stream)) problems.push(`${at}: a state for stream '${stream}', which is not in the catalog`);
      const blob = state.stream?.stream_state;
      if (typeof blob !== 'object' || blob === null || Array.isArray(blob)) {
        problems.push(`${at}: the state of stream '${stream}' must be a JSON object, got ${JSON.stringify(blob)}`);
      }
      const count = state.sourceStats?.recordCount;
      const expected = sinceState.get(stream) ?? 0;
      if (count !== undefined && count !== expected) {
        problems.push(
          `${at}: stream '${stream}' state says sourceStats.recordCount ${count}, but ${expected} records of it came since its previous state`,
        );
      }
      sinceState.set(stream, 0);
      lastStateAt.set(stream, index);
    }
  });
  for (const stream of completed) {
    const stateAt = lastStateAt.get(stream);
    if (stateAt === undefined) problems.push(`${label}: stream '${stream}' completed without a STATE`);
    else if ((lastRecordAt.get(stream) ?? -1) > stateAt) problems.push(`${label}: stream '${stream}' has records after its last STATE`);
  }
  return problems;
}
