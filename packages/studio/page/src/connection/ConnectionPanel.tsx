/** Check and discover at a click: the connection status and message, the streams with their modes, keys, cursors and schemas. */
import { useState } from 'preact/hooks';
import { ApiFailure, api, type CheckView, type DiscoverView, type StreamView } from '../api/client.js';
import { ErrorList, LogList } from '../common/ErrorList.js';
import { JsonTree } from '../common/JsonTree.js';

export function ConnectionPanel(props: {
  discovered: DiscoverView | undefined;
  onDiscovered: (view: DiscoverView) => void;
  onTestRead: (stream: StreamView) => void;
}) {
  const [check, setCheck] = useState<CheckView | { failure: string } | undefined>();
  const [busy, setBusy] = useState<'check' | 'discover' | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const run = async (what: 'check' | 'discover') => {
    setBusy(what);
    setProblem(undefined);
    try {
      if (what === 'check') setCheck(await api.check());
      else props.onDiscovered(await api.discover());
    } catch (error) {
      setProblem(error instanceof ApiFailure ? error.message : String(error));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section class="panel">
      <header class="panel-head">
        <h2>Connection</h2>
        <div class="actions">
          <button type="button" class="primary" disabled={busy !== undefined} onClick={() => run('check')}>
            {busy === 'check' ? 'Checking…' : 'Check'}
          </button>
          <button type="button" disabled={busy !== undefined} onClick={() => run('discover')}>
            {busy === 'discover' ? 'Discovering…' : 'Discover'}
          </button>
        </div>
      </header>
      {problem && <p class="error-text">{problem}</p>}
      {check !== undefined && 'status' in check && <CheckResult check={check} />}
      {props.discovered !== undefined && <Streams view={props.discovered} onTestRead={props.onTestRead} />}
    </section>
  );
}

function CheckResult(props: { check: CheckView }) {
  const { check } = props;
  return (
    <div class="check-result">
      <p class={`connection-status status-${check.status.toLowerCase()}`} data-testid="connection-status">
        {check.status === 'SUCCEEDED' ? 'Connection succeeded' : check.status === 'FAILED' ? 'Connection failed' : 'Check failed to run'}
        <span class="muted"> · {check.durationMs} ms</span>
      </p>
      {check.message && <p class="check-message">{check.message}</p>}
      <ErrorList errors={check.errors} />
      {check.logs.length > 0 && (
        <details>
          <summary>Logs ({check.logs.length})</summary>
          <LogList logs={check.logs} />
        </details>
      )}
    </div>
  );
}

function Streams(props: { view: DiscoverView; onTestRead: (stream: StreamView) => void }) {
  const [schemaOf, setSchemaOf] = useState<string | undefined>();
  const { view } = props;
  return (
    <div class="streams">
      <ErrorList errors={view.errors} />
      <h3>
        Streams <span class="muted">({view.streams.length})</span>
      </h3>
      <table class="grid" aria-label="streams">
        <thead>
          <tr>
            <th>Stream</th>
            <th>Sync modes</th>
            <th>Primary key</th>
            <th>Cursor</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.streams.map((stream) => (
            <tr key={stream.name} data-stream={stream.name}>
              <td>
                <button type="button" class="link" onClick={() => setSchemaOf(schemaOf === stream.name ? undefined : stream.name)}>
                  {stream.namespace ? `${stream.namespace}.` : ''}
                  {stream.name}
                </button>
              </td>
              <td>{stream.syncModes.join(', ')}</td>
              <td class="mono">{stream.primaryKey.map((key) => key.join('.')).join(', ') || '—'}</td>
              <td class="mono">
                {stream.cursorField.join('.') || '—'}
                {stream.sourceDefinedCursor && <span class="badge">source-defined</span>}
              </td>
              <td>
                <button type="button" class="small" onClick={() => props.onTestRead(stream)}>
                  Test read
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {schemaOf !== undefined && (
        <div class="schema-view">
          <h4>Schema of {schemaOf}</h4>
          <JsonTree value={view.streams.find((stream) => stream.name === schemaOf)?.schema} open={true} />
        </div>
      )}
    </div>
  );
}
