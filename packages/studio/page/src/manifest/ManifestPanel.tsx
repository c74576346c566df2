/** The manifest: a YAML editor with its problems at their lines as you type, previews of the template under the cursor, saved to the file. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiFailure, api, type InterpolateView, type ManifestIssueView } from '../api/client.js';
import type { ManifestEditor } from './manifest-editor.js';
import { isTemplate } from './template-text.js';
import type { ScalarAtCursor } from './yaml-cursor.js';

const PREVIEW_AFTER_MS = 250;

export function ManifestPanel(props: { externalChange: number; onSaved: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<ManifestEditor | undefined>(undefined);
  const saved = useRef('');
  const [issues, setIssues] = useState<ManifestIssueView[]>([]);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState('');
  const [preview, setPreview] = useState<{ scalar: ScalarAtCursor; view?: InterpolateView } | undefined>();
  const previewTimer = useRef<number | undefined>(undefined);
  // The editor keeps the hooks it was created with: the latest callback is read through a ref.
  const onSaved = useRef(props.onSaved);
  onSaved.current = props.onSaved;

  const save = async (text: string) => {
    try {
      const answer = await api.saveManifest(text);
      saved.current = text;
      setDirty(false);
      setIssues(answer.issues);
      setStatus(answer.issues.length === 0 ? 'Saved; running again…' : `Saved with ${answer.issues.length} problem(s)`);
      onSaved.current();
    } catch (error) {
      setStatus(error instanceof ApiFailure ? `Not saved: ${error.message}` : String(error));
    }
  };

  const cursor = (scalar: ScalarAtCursor | undefined) => {
    window.clearTimeout(previewTimer.current);
    if (scalar === undefined || !isTemplate(scalar.text)) return setPreview(undefined);
    setPreview({ scalar });
    previewTimer.current = window.setTimeout(() => {
      api.interpolate({ template: scalar.text, path: scalar.path }).then(
        (view) => setPreview({ scalar, view }),
        (error: Error) => setPreview({ scalar, view: { error: error.message, context: [] } }),
      );
    }, PREVIEW_AFTER_MS);
  };

  useEffect(() => {
    let cancelled = false;
    Promise.all([api.manifest(), import('./manifest-editor.js')]).then(([manifest, module]) => {
      if (cancelled || host.current === null) return;
      saved.current = manifest.text;
      setIssues(manifest.issues);
      editor.current = module.createManifestEditor(host.current, manifest.text, {
        validate: (text) =>
          api.validateManifest(text).then((answer) => {
            setIssues(answer.issues);
            return answer.issues;
          }),
        save: (text) => void save(text),
        changed: (text) => setDirty(text !== saved.current),
        cursor,
      });
    });
    return () => {
      cancelled = true;
      editor.current?.destroy();
    };
  }, []);

  useEffect(() => {
    if (props.externalChange === 0 || dirty) return;
    api.manifest().then((manifest) => {
      if (editor.current !== undefined && manifest.text !== editor.current.text()) {
        saved.current = manifest.text;
        editor.current.setText(manifest.text);
        setStatus('Reloaded: the file changed on disk');
      }
    });
  }, [props.externalChange]);

  return (
    <section class="panel manifest-panel">
      <header class="panel-head">
        <h2>Manifest {dirty && <span class="badge warn">unsaved</span>}</h2>
        <div class="actions">
          <button type="button" class="primary" onClick={() => editor.current && save(editor.current.text())}>
            Save
          </button>
          <span class="status" role="status">
            {status}
          </span>
        </div>
      </header>
      <div class="manifest-layout">
        <div class="editor-host" ref={host} data-testid="manifest-editor" />
        <aside class="manifest-side">
          <h3>Problems ({issues.length})</h3>
          {issues.length === 0 ? (
            <p class="muted">The manifest is valid.</p>
          ) : (
            <ul class="problems manifest-problems">
              {issues.map((issue, index) => (
                <li key={index}>
                  <button
                    type="button"
                    class="link"
                    onClick={() => issue.line !== undefined && editor.current?.goTo(issue.line, issue.column)}
                  >
                    {issue.line !== undefined ? `line ${issue.line}${issue.column !== undefined ? `:${issue.column}` : ''}` : 'manifest'}
                  </button>{' '}
                  {issue.path && <span class="mono">{issue.path}: </span>}
                  {issue.message}
                </li>
              ))}
            </ul>
          )}
          <h3>Template under the cursor</h3>
          <TemplatePreview preview={preview} />
        </aside>
      </div>
    </section>
  );
}

function TemplatePreview(props: { preview: { scalar: ScalarAtCursor; view?: InterpolateView } | undefined }) {
  const { preview } = props;
  if (preview === undefined)
    return <p class="muted">Put the cursor on a value with {'{{ … }}'} to see what it evaluates to in the latest test read.</p>;
  return (
    <div class="template-preview" data-testid="template-preview">
      <pre class="mono template-text">{preview.scalar.text}</pre>
      <p class="muted mono">{preview.scalar.path.join(' › ')}</p>
      {preview.view === undefined ? (
        <p class="muted">Evaluating…</p>
      ) : preview.view.error !== undefined ? (
        <p class="error-text">{preview.view.error}</p>
      ) : (
        <p>
          = <code class="template-value">{preview.view.repr}</code> <span class="badge">{preview.view.type}</span>
        </p>
      )}
      {preview.view !== undefined && <p class="muted">Context: {preview.view.context.join(', ')}</p>}
    </div>
  );
}
