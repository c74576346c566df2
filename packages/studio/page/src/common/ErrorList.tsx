/** Errors as the connector reported them: message, failure type, internal message and stack trace. */
import type { ErrorView, LogView } from '../api/client.js';
import { StackTrace } from './StackTrace.js';

export function ErrorList(props: { errors: readonly ErrorView[] }) {
  if (props.errors.length === 0) return null;
  return (
    <div class="errors" role="alert">
      {props.errors.map((error, index) => (
        <div class="error" key={index}>
          <div class="error-head">
            <span class={`failure-type ${error.failureType ?? ''}`}>{error.failureType ?? 'error'}</span>
            {error.stream && <span class="badge">{error.stream}</span>}
            <span class="error-message">{error.message}</span>
          </div>
          {error.internalMessage && <p class="muted">{error.internalMessage}</p>}
          {error.stackTrace && (
            <details>
              <summary>Stack trace</summary>
              <StackTrace trace={error.stackTrace} />
            </details>
          )}
        </div>
      ))}
    </div>
  );
}

export function LogList(props: { logs: readonly LogView[] }) {
  if (props.logs.length === 0) return <p class="muted">No logs.</p>;
  return (
    <ul class="logs">
      {props.logs.map((log, index) => (
        <li key={index} class={`log log-${log.level.toLowerCase()}`}>
          <span class="log-level">{log.level}</span>
          {log.slice !== undefined && (
            <span class="log-where">
              slice {log.slice}
              {log.page !== undefined && log.page > 0 ? ` · page ${log.page}` : ''}
            </span>
          )}
          <span class="log-message">{log.message}</span>
          {log.stackTrace && (
            <details>
              <summary>Stack trace</summary>
              <StackTrace trace={log.stackTrace} />
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
