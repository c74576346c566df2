/**
 * Tributary Studio: a local web page to develop and debug a connector package or a declarative
 * manifest. `startStudio` serves it on 127.0.0.1; `tributary studio` is its command line.
 */
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProject } from './project/project.js';
import { EventStream } from './server/event-stream.js';
import { StaticAssets } from './server/static-assets.js';
import { listen } from './server/studio-server.js';
import { StudioSession } from './session/studio-session.js';
import { ChangeWatcher } from './watch/change-watcher.js';

export type * from './api/types.js';
export { SAVED_SECRET } from './api/types.js';

export interface StudioOptions {
  /** A connector package folder, or a manifest file (`.yaml`). */
  target: string;
  /** The port on 127.0.0.1 (default 0: a free port). */
  port?: number;
  /** The token the page must present (default: 32 random bytes, hex). */
  token?: string;
}

export interface RunningStudio {
  /** The page's URL, token included: what to open. */
  url: string;
  port: number;
  token: string;
  /** What Studio works on: `connector` or `manifest`, and its name. */
  project: { kind: 'connector' | 'manifest'; name: string; folder: string };
  close(): Promise<void>;
}

const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');

export async function startStudio(options: StudioOptions): Promise<RunningStudio> {
  const project = openProject(options.target);
  const assets = StaticAssets.load(PAGE_DIR);
  const token = options.token ?? randomBytes(32).toString('hex');
  const events = new EventStream();
  const session = new StudioSession(project, events);
  const { server, port } = await listen({ session, events, assets, token }, options.port ?? 0);
  const watcher = new ChangeWatcher(project.watched, (files) => {
    session.codeChanged();
    events.send(project.kind === 'manifest' ? { type: 'manifest-changed' } : { type: 'code-changed', files });
  });
  watcher.start();
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    project: { kind: project.kind, name: project.name, folder: project.folder },
    close: async () => {
      watcher.stop();
      session.cancelRead();
      events.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
