/** The config: a form generated from the spec, or raw JSON; saved to the connector's secrets/config.json. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiFailure, api, type ConfigProblemView, type JsonObject, type SpecView } from '../api/client.js';
import { ErrorList } from '../common/ErrorList.js';
import { SchemaForm } from './SchemaForm.js';
import { type FieldSchema, initialValue, type ValueObject } from './schema-fields.js';

const VALIDATE_AFTER_MS = 600;

export function ConfigPanel(props: { spec: SpecView | undefined; configFile: string; onSaved: () => void }) {
  const schema = props.spec?.schema as FieldSchema | null | undefined;
  const [value, setValue] = useState<ValueObject | undefined>();
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [problems, setProblems] = useState<ConfigProblemView[]>([]);
  const [status, setStatus] = useState<string>('');
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (schema === undefined) return;
    api.config().then((view) => setValue((view.config as ValueObject | null) ?? ((schema ? initialValue(schema) : {}) as ValueObject)));
  }, [schema]);

  const edit = (next: ValueObject) => {
    setValue(next);
    setStatus('');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      api.validateConfig(next as JsonObject).then(
        (answer) => setProblems(answer.problems),
        () => undefined,
      );
    }, VALIDATE_AFTER_MS);
  };

  const save = async () => {
    window.clearTimeout(timer.current);
    try {
      const answer = await api.saveConfig(value as JsonObject);
      setProblems(answer.problems);
      setValue(answer.view.config as ValueObject);
      setStatus(
        answer.problems.length === 0
          ? `Saved to ${props.configFile}`
          : `Saved to ${props.configFile}, with ${answer.problems.length} problem(s)`,
      );
      props.onSaved();
    } catch (error) {
      setStatus(error instanceof ApiFailure ? `Not saved: ${error.message}` : String(error));
    }
  };

  const byField = useMemo(() => problemsByField(problems), [problems]);
  if (props.spec === undefined || value === undefined) return <p class="muted">Reading the spec…</p>;
  return (
    <section class="panel config-panel">
      <header class="panel-head">
        <h2>Config</h2>
        <div class="segmented">
          <button type="button" class={mode === 'form' ? 'active' : ''} onClick={() => setMode('form')}>
            Form
          </button>
          <button type="button" class={mode === 'json' ? 'active' : ''} onClick={() => setMode('json')}>
            JSON
          </button>
        </div>
      </header>
      <ErrorList errors={props.spec.errors} />
      {problems.length > 0 && (
        <ul class="problems" aria-label="config problems">
          {problems.map((problem) => (
            <li key={problem.message}>{problem.message}</li>
          ))}
        </ul>
      )}
      {mode === 'form' && schema ? (
        <SchemaForm schema={schema} value={value} problems={byField} onChange={edit} />
      ) : (
        <RawConfig value={value} onChange={edit} />
      )}
      <footer class="panel-foot">
        <button type="button" class="primary" onClick={save}>
          Save
        </button>
        <span class="status" role="status">
          {status}
        </span>
      </footer>
    </section>
  );
}

function RawConfig(props: { value: ValueObject; onChange: (value: ValueObject) => void }) {
  const [text, setText] = useState(JSON.stringify(props.value, null, 2));
  const [problem, setProblem] = useState<string | undefined>();
  return (
    <div class="field">
      <label for="raw-config">Config as JSON (saved secrets stay hidden as "&lt;secret saved&gt;")</label>
      <textarea
        id="raw-config"
        class="mono raw-config"
        spellcheck={false}
        value={text}
        onInput={(event) => {
          const raw = (event.target as HTMLTextAreaElement).value;
          setText(raw);
          try {
            const parsed = JSON.parse(raw);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the config is a JSON object');
            setProblem(undefined);
            props.onChange(parsed as ValueObject);
          } catch (error) {
            setProblem((error as Error).message);
          }
        }}
      />
      {problem && <p class="field-problems">Not valid JSON yet: {problem}</p>}
    </div>
  );
}

function problemsByField(problems: readonly ConfigProblemView[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const problem of problems) {
    const key = problem.field.join('.');
    map.set(key, [...(map.get(key) ?? []), problem.message]);
  }
  return map;
}
