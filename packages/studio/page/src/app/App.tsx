/** Studio's page: the project, its tabs (config, connection, test read, schema, manifest) and the server's events. */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ApiFailure,
  api,
  type DiscoverView,
  onStudioEvent,
  type ProjectView,
  type ReadRequest,
  type ReadRunView,
  type SpecView,
} from '../api/client.js';
import { setProjectFolder } from '../common/project-folder.js';
import { TabBar } from '../common/TabBar.js';
import { ConfigPanel } from '../config/ConfigPanel.js';
import { ConnectionPanel } from '../connection/ConnectionPanel.js';
import { ManifestPanel } from '../manifest/ManifestPanel.js';
import { DEFAULT_LIMITS, type ReadChoice } from '../read/ReadControls.js';
import { ReadPanel } from '../read/ReadPanel.js';
import { SchemaPanel } from '../schema/SchemaPanel.js';

type Tab = 'config' | 'connection' | 'read' | 'schema' | 'manifest';

export function App() {
  const [project, setProject] = useState<ProjectView | undefined>();
  const [spec, setSpec] = useState<SpecView | undefined>();
  const [tab, setTab] = useState<Tab>('config');
  const [discovered, setDiscovered] = useState<DiscoverView | undefined>();
  const [choice, setChoice] = useState<ReadChoice>({ stream: '', syncMode: 'full_refresh', limits: DEFAULT_LIMITS });
  const [run, setRun] = useState<ReadRunView | undefined>();
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState<string | undefined>();
  const [readProblem, setReadProblem] = useState<string | undefined>();
  const [banner, setBanner] = useState<string | undefined>();
  const [manifestChanges, setManifestChanges] = useState(0);
  const lastRequest = useRef<ReadRequest | undefined>(undefined);

  /** Reads; `again` (a re-run after a change) stays on the tab the user is on. */
  const read = async (request: ReadRequest, again = false) => {
    if (request.replay === undefined && request.stateFromRun === undefined) lastRequest.current = request;
    setReading(true);
    setReadProblem(undefined);
    setProgress('Starting…');
    if (!again) setTab('read');
    try {
      setRun(await api.read(request));
    } catch (error) {
      setReadProblem(error instanceof ApiFailure ? error.message : String(error));
    } finally {
      setReading(false);
      setProgress(undefined);
    }
  };
  const readAgain = () => lastRequest.current && void read(lastRequest.current, true);
  const discoverAgain = () => api.discover().then(setDiscovered, () => undefined);

  useEffect(() => {
    api.project().then((view) => {
      setProject(view);
      setProjectFolder(view.folder);
      if (view.kind === 'manifest') setTab('manifest');
    });
    api.spec().then(setSpec);
  }, []);

  useEffect(
    () =>
      onStudioEvent((event) => {
        if (event.type === 'run-progress')
          setProgress(`${event.records} records · ${event.requests} requests · ${event.slices} slices so far`);
        if (event.type === 'manifest-changed') setManifestChanges((count) => count + 1);
        if (event.type === 'code-changed') {
          setBanner(
            `dist/ changed (${event.files.slice(0, 3).join(', ')}${event.files.length > 3 ? ', …' : ''}): ${lastRequest.current ? 'reading again' : 'the next run uses the new code'}`,
          );
          api.spec().then(setSpec);
          readAgain();
        }
      }),
    [],
  );

  useEffect(() => {
    if (
      discovered !== undefined &&
      !discovered.streams.some((stream) => stream.name === choice.stream) &&
      discovered.streams[0] !== undefined
    ) {
      setChoice({ ...choice, stream: discovered.streams[0].name });
    }
  }, [discovered]);

  if (project === undefined) return <p class="muted">Loading…</p>;
  const tabs: [Tab, string][] = [
    ...(project.kind === 'manifest' ? ([['manifest', 'Manifest']] as [Tab, string][]) : []),
    ['config', 'Config'],
    ['connection', 'Check & discover'],
    ['read', 'Test read'],
    ['schema', 'Schema'],
  ];
  return (
    <div class="app">
      <header class="top-bar">
        <h1>
          Tributary Studio <span class="project-name">{project.name}</span> <span class="badge">{project.kind}</span>
        </h1>
        <p class="muted mono">
          {project.folder} · watching {project.watching}
        </p>
      </header>
      {banner && (
        <p class="banner" role="status">
          {banner}{' '}
          <button type="button" class="small" onClick={() => setBanner(undefined)}>
            dismiss
          </button>
        </p>
      )}
      <TabBar tabs={tabs} selected={tab} onSelect={setTab} class="main-tabs" />
      <main>
        {project.kind === 'manifest' && (
          <div hidden={tab !== 'manifest'}>
            <ManifestPanel
              externalChange={manifestChanges}
              onSaved={() => {
                api.spec().then(setSpec);
                if (discovered !== undefined) void discoverAgain();
                readAgain();
              }}
            />
          </div>
        )}
        {tab === 'config' && <ConfigPanel spec={spec} configFile={project.configFile} onSaved={() => undefined} />}
        {tab === 'connection' && (
          <ConnectionPanel
            discovered={discovered}
            onDiscovered={setDiscovered}
            onTestRead={(stream) => {
              setChoice({
                ...choice,
                stream: stream.name,
                syncMode: stream.syncModes.includes('incremental') ? 'incremental' : 'full_refresh',
              });
              setTab('read');
            }}
          />
        )}
        {tab === 'read' && (
          <ReadPanel
            streams={discovered?.streams ?? []}
            choice={choice}
            onChoice={setChoice}
            run={run}
            busy={reading}
            progress={progress}
            problem={readProblem}
            onRead={(request) => void read(request)}
            onStop={() => void api.cancelRead()}
          />
        )}
        {tab === 'schema' && <SchemaPanel run={run} writesSchemas={project.writesSchemas} onWritten={readAgain} />}
      </main>
    </div>
  );
}
