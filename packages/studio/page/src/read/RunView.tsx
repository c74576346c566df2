/** A test read's results: by slice, then by page; the selected page in detail; logs, errors and the final state. */
import { useEffect, useState } from 'preact/hooks';
import type { ReadRunView } from '../api/client.js';
import { ErrorList, LogList } from '../common/ErrorList.js';
import { ExchangeDetail } from './ExchangeDetail.js';
import { PageDetail } from './PageDetail.js';

export function RunView(props: { run: ReadRunView; onReplay: (slice: number, page?: number) => void }) {
  const { run } = props;
  const [selected, setSelected] = useState({ slice: 0, page: 0 });
  useEffect(() => setSelected({ slice: 0, page: 0 }), [run.id]);
  const slice = run.slices[selected.slice];
  return (
    <div class="run">
      <Summary run={run} />
      <ErrorList errors={run.errors} />
      <div class="run-body">
        <nav class="slice-list" aria-label="slices">
          {run.slices.length === 0 && <p class="muted">No slice was read.</p>}
          {run.slices.map((item, sliceAt) => (
            <div key={item.index} class={`slice outcome-${item.outcome}`}>
              <button
                type="button"
                class={sliceAt === selected.slice ? 'slice-head active' : 'slice-head'}
                onClick={() => setSelected({ slice: sliceAt, page: 0 })}
              >
                Slice {item.index}{' '}
                <span class="muted" title={JSON.stringify(item.slice)}>
                  {sliceSummary(item.slice)}
                </span>
              </button>
              <ul>
                {item.pages.map((page, pageAt) => (
                  <li key={pageAt}>
                    <button
                      type="button"
                      class={sliceAt === selected.slice && pageAt === selected.page ? 'page-link active' : 'page-link'}
                      onClick={() => setSelected({ slice: sliceAt, page: pageAt })}
                    >
                      {page.number === 0 ? 'Records' : `Page ${page.number}`} <span class="muted">{page.to - page.from} records</span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        {slice !== undefined && (
          <PageDetail run={run} slice={slice} page={slice.pages[selected.page]} onReplay={(page) => props.onReplay(slice.index, page)} />
        )}
      </div>
      {run.otherRequests.length > 0 && (
        <details class="other-requests">
          <summary>Requests outside the slices ({run.otherRequests.length})</summary>
          {run.otherRequests.map((exchange, index) => (
            <ExchangeDetail key={index} exchange={exchange} run={run.id} />
          ))}
        </details>
      )}
      <h3>Logs</h3>
      <LogList logs={run.logs} />
      <h3>Final state</h3>
      <pre class="mono final-state" data-testid="final-state">
        {JSON.stringify(run.finalState, null, 2)}
      </pre>
    </div>
  );
}

function Summary(props: { run: ReadRunView }) {
  const { run } = props;
  const requests = run.slices.reduce(
    (sum, slice) => sum + slice.pages.reduce((inner, page) => inner + page.requests.length, 0),
    run.otherRequests.length,
  );
  return (
    <p class={`run-summary outcome-${run.outcome}`} data-testid="run-summary">
      <strong>{run.outcome === 'succeeded' ? 'Read succeeded' : run.outcome === 'failed' ? 'Read failed' : 'Read stopped'}</strong>
      {` · ${run.stream} (${run.syncMode}) · ${run.records.length} records · ${run.slices.length} slices · ${requests} requests · ${run.durationMs} ms`}
      {run.inputState !== null && <span class="badge">from a state</span>}
      {run.replay !== undefined && (
        <span class="badge">
          replay of slice {run.replay.slice}
          {run.replay.page !== undefined ? `, page ${run.replay.page}` : ''}
        </span>
      )}
      {run.limitsReached.length > 0 && <span class="badge warn">limit reached: {run.limitsReached.join(', ')}</span>}
    </p>
  );
}

function sliceSummary(slice: unknown): string {
  if (slice === null || slice === undefined) return '';
  const text = JSON.stringify(slice);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
