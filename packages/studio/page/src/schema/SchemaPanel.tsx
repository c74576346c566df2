/** The records of the latest read against the declared schema: mismatches at their field, and the proposed schema to copy or write. */
import { useState } from 'preact/hooks';
import { ApiFailure, api, type ReadRunView } from '../api/client.js';
import { JsonTree } from '../common/JsonTree.js';

export function SchemaPanel(props: { run: ReadRunView | undefined; writesSchemas: boolean; onWritten: () => void }) {
  const [status, setStatus] = useState<string>('');
  const { run } = props;
  if (run === undefined)
    return (
      <section class="panel">
        <h2>Schema</h2>
        <p class="muted">Test-read a stream to check its records against its schema.</p>
      </section>
    );
  const { schema } = run;
  const proposed = JSON.stringify(schema.proposed, null, 2);
  const write = async () => {
    try {
      const written = await api.writeSchema(run.stream, schema.proposed);
      setStatus(`Wrote ${written.path}; reading again…`);
      props.onWritten();
    } catch (error) {
      setStatus(error instanceof ApiFailure ? error.message : String(error));
    }
  };
  const copy = () =>
    navigator.clipboard.writeText(proposed).then(
      () => setStatus('Copied the proposed schema'),
      () => setStatus('The browser refused to copy'),
    );
  return (
    <section class="panel schema-panel">
      <header class="panel-head">
        <h2>Schema of {run.stream}</h2>
      </header>
      <p class={schema.mismatches.length === 0 ? 'schema-verdict ok' : 'schema-verdict bad'} data-testid="schema-verdict">
        {schema.declared === null
          ? 'The stream declares no schema.'
          : schema.mismatches.length === 0
            ? `All ${schema.checked} records match the declared schema.`
            : `${schema.failing} of ${schema.checked} records do not match the declared schema.`}
      </p>
      {schema.mismatches.length > 0 && (
        <table class="grid" aria-label="schema mismatches">
          <thead>
            <tr>
              <th>Field</th>
              <th>Problem</th>
              <th>Records</th>
              <th>Examples</th>
            </tr>
          </thead>
          <tbody>
            {schema.mismatches.map((mismatch) => (
              <tr key={`${mismatch.field}${mismatch.message}`}>
                <td class="mono">{mismatch.field}</td>
                <td>{mismatch.message}</td>
                <td>{mismatch.count}</td>
                <td class="mono">
                  {mismatch.examples.map((example) => `#${example.record + 1}: ${JSON.stringify(example.value)}`).join('  ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="schema-columns">
        <div>
          <h3>Proposed schema</h3>
          <p class="muted">Inferred from the {run.records.length} records read (inferSchema); review before you keep it.</p>
          <div class="actions">
            <button type="button" onClick={copy}>
              Copy
            </button>
            {props.writesSchemas && (
              <button type="button" class="primary" onClick={write}>
                Write schemas/{run.stream}.json
              </button>
            )}
          </div>
          <span class="status" role="status">
            {status}
          </span>
          <pre class="mono schema-json">{proposed}</pre>
        </div>
        <div>
          <h3>Declared schema</h3>
          {schema.declared === null ? <p class="muted">None.</p> : <JsonTree value={schema.declared} open={true} />}
        </div>
      </div>
    </section>
  );
}
