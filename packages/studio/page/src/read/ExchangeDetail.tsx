/** One HTTP request and its response: method, URL, headers and body, the status, headers and pretty body (large ones cut, with "show all"). */
import { useState } from 'preact/hooks';
import { api, type BodyView, type ExchangeView } from '../api/client.js';

export function ExchangeDetail(props: { exchange: ExchangeView; run: string; label?: string }) {
  const { request, response, error } = props.exchange;
  return (
    <div class="exchange">
      {props.label && <p class="muted">{props.label}</p>}
      <h4 class="mono request-line">
        <span class="method">{request.method}</span> {request.url}
      </h4>
      <Headers title="Request headers" headers={request.headers} />
      {request.body && <Body title="Request body" body={request.body} run={props.run} />}
      {response !== undefined ? (
        <>
          <h4 class={`response-status status-${Math.floor(response.status / 100)}xx`}>
            Response {response.status} <span class="muted">· {props.exchange.durationMs} ms</span>
          </h4>
          <Headers title="Response headers" headers={response.headers} />
          <Body title="Response body" body={response.body} run={props.run} />
        </>
      ) : (
        <p class="error-text">No response: {error}</p>
      )}
    </div>
  );
}

function Headers(props: { title: string; headers: Record<string, string> }) {
  const entries = Object.entries(props.headers);
  return (
    <details class="headers">
      <summary>
        {props.title} ({entries.length})
      </summary>
      <table class="grid compact">
        <tbody>
          {entries.map(([name, value]) => (
            <tr key={name}>
              <td class="mono">{name}</td>
              <td class="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Body(props: { title: string; body: BodyView; run: string }) {
  const [whole, setWhole] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const { body } = props;
  const text = whole ?? body.text;
  return (
    <div class="body">
      <p class="muted">
        {props.title} · {formatBytes(body.size)}
        {body.contentType ? ` · ${body.contentType}` : ''}
      </p>
      <pre class="mono body-text">{text === '' ? '(empty)' : text}</pre>
      {body.truncated && whole === undefined && (
        <p class="truncated">
          Cut at {formatBytes(body.text.length)}.{' '}
          {body.id !== undefined ? (
            <button
              type="button"
              class="small"
              onClick={() => api.body(props.run, body.id!).then(setWhole, (error: Error) => setProblem(error.message))}
            >
              Show all
            </button>
          ) : (
            'The whole body was too large to keep.'
          )}
        </p>
      )}
      {problem && <p class="error-text">{problem}</p>}
    </div>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
