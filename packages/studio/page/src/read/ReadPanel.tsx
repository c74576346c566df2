/** Test reads: choose a stream and limits, read, read the next sync from the final state, replay a slice or a page. */
import { useState } from 'preact/hooks';
import type { ReadRequest, ReadRunView, StreamView } from '../api/client.js';
import { type ReadChoice, ReadControls } from './ReadControls.js';
import { RunView } from './RunView.js';

export function ReadPanel(props: {
  streams: readonly StreamView[];
  choice: ReadChoice;
  onChoice: (choice: ReadChoice) => void;
  run: ReadRunView | undefined;
  busy: boolean;
  progress: string | undefined;
  problem: string | undefined;
  onRead: (request: ReadRequest) => void;
  onStop: () => void;
}) {
  const [hint] = useState('Discover the streams first (Connection), then read one here.');
  const { choice, run } = props;
  const read = () => props.onRead({ stream: choice.stream, syncMode: choice.syncMode, limits: choice.limits });
  const next = () => run && props.onRead({ stream: run.stream, syncMode: 'incremental', limits: choice.limits, stateFromRun: run.id });
  return (
    <section class="panel">
      <header class="panel-head">
        <h2>Test read</h2>
        <div class="actions">
          <button type="button" class="primary" disabled={props.busy || choice.stream === ''} onClick={read}>
            {props.busy ? 'Reading…' : 'Read'}
          </button>
          <button
            type="button"
            disabled={props.busy || run === undefined || run.syncMode !== 'incremental'}
            onClick={next}
            title="Read again from the final state: what the next sync would get"
          >
            Next sync from final state
          </button>
          {props.busy && (
            <button type="button" onClick={props.onStop}>
              Stop
            </button>
          )}
        </div>
      </header>
      {props.streams.length === 0 ? (
        <p class="muted">{hint}</p>
      ) : (
        <ReadControls streams={props.streams} choice={choice} onChange={props.onChoice} />
      )}
      {props.busy && props.progress && <p class="muted progress">{props.progress}</p>}
      {props.problem && <p class="error-text">{props.problem}</p>}
      {run !== undefined && (
        <RunView
          run={run}
          onReplay={(slice, page) =>
            props.onRead({
              stream: run.stream,
              syncMode: run.syncMode as ReadChoice['syncMode'],
              limits: run.limits,
              replay: { run: run.id, slice, page },
            })
          }
        />
      )}
    </section>
  );
}
