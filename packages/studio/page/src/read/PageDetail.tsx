/** A page of a slice: its requests, the response, its records and the slice's state, one tab each. */
import { useState } from 'preact/hooks';
import type { PageView, ReadRunView, SliceView } from '../api/client.js';
import { JsonTree } from '../common/JsonTree.js';
import { TabBar } from '../common/TabBar.js';
import { ExchangeDetail } from './ExchangeDetail.js';
import { RecordsTable } from './RecordsTable.js';

type Tab = 'records' | 'request' | 'state';

export function PageDetail(props: { run: ReadRunView; slice: SliceView; page: PageView | undefined; onReplay: (page?: number) => void }) {
  const [tab, setTab] = useState<Tab>('records');
  const { run, slice, page } = props;
  const records = page === undefined ? [] : run.records.slice(page.from, page.to);
  const requests = page?.requests ?? [];
  const tabs: [Tab, string][] = [
    ['records', `Records (${records.length})`],
    ['request', requests.length > 1 ? `Requests (${requests.length})` : 'Request & response'],
    ['state', `State (${slice.states.length})`],
  ];
  return (
    <div class="page-detail">
      <header class="panel-head">
        <h3>
          Slice {slice.index}
          {page !== undefined && page.number > 0 ? ` · page ${page.number}` : ''}
        </h3>
        <div class="actions">
          <button type="button" class="small" onClick={() => props.onReplay()}>
            Replay slice
          </button>
          {page !== undefined && page.number > 0 && (
            <button type="button" class="small" onClick={() => props.onReplay(page.number)}>
              Replay page
            </button>
          )}
        </div>
      </header>
      <TabBar tabs={tabs} selected={tab} onSelect={setTab} />
      {tab === 'records' && <RecordsTable records={records} firstIndex={page?.from ?? 0} />}
      {tab === 'request' &&
        (requests.length === 0 ? (
          <p class="muted">No HTTP request for this page (the stream reads without HTTP).</p>
        ) : (
          requests.map((exchange, index) => (
            <ExchangeDetail
              key={index}
              exchange={exchange}
              run={run.id}
              label={requests.length > 1 ? `Request ${index + 1} of ${requests.length}` : undefined}
            />
          ))
        ))}
      {tab === 'state' && <SliceState slice={slice} />}
    </div>
  );
}

function SliceState(props: { slice: SliceView }) {
  const { slice } = props;
  return (
    <div class="slice-state">
      <h4>Slice</h4>
      <JsonTree value={slice.slice} name="slice" open={true} />
      <h4>State after the slice</h4>
      {slice.states.length === 0 ? (
        <p class="muted">No STATE during this slice.</p>
      ) : (
        <pre class="mono state-json">{JSON.stringify(slice.states.at(-1), null, 2)}</pre>
      )}
      {slice.states.length > 1 && <p class="muted">{slice.states.length} STATE messages during the slice; the last is shown.</p>}
    </div>
  );
}
