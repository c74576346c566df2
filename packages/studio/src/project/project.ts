/** What `tributary studio` was started on: a connector package folder or a declarative manifest. */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import type { ProjectView } from '../api/types.js';
import type { ProjectTarget } from '../runs/job.js';

export interface Project {
  readonly kind: 'connector' | 'manifest';
  readonly name: string;
  /** The folder served and written in, symlinks resolved. */
  readonly folder: string;
  /** Manifests: the manifest file. */
  readonly manifestFile?: string;
  readonly target: ProjectTarget;
  /** What is watched for changes: the connector's `dist/`, or the manifest file. */
  readonly watched: string;
}

/** The config file, relative to the project folder (Airbyte's convention; `secrets/` is git-ignored). */
export const CONFIG_FILE = 'secrets/config.json';

/** A connector folder (with a package.json) or a manifest (`.yaml`/`.yml`); anything else is refused with the reason. */
export function openProject(argument: string): Project {
  if (!existsSync(argument)) throw new Error(`${argument} does not exist: give a connector package folder or a manifest.yaml`);
  const path = realpathSync(argument);
  if (statSync(path).isDirectory()) {
    const manifest = join(path, 'package.json');
    if (!existsSync(manifest)) throw new Error(`${argument} is not a connector package: it has no package.json`);
    const name = packageName(manifest) ?? basename(path);
    return { kind: 'connector', name, folder: path, target: { kind: 'connector', dir: path }, watched: join(path, 'dist') };
  }
  if (!['.yaml', '.yml'].includes(extname(path).toLowerCase())) {
    throw new Error(`${argument} is neither a connector package folder nor a manifest (.yaml)`);
  }
  return {
    kind: 'manifest',
    name: basename(path),
    folder: dirname(path),
    manifestFile: path,
    target: { kind: 'manifest', file: path },
    watched: path,
  };
}

export function projectView(project: Project): ProjectView {
  const view: ProjectView = {
    kind: project.kind,
    name: project.name,
    folder: project.folder,
    configFile: CONFIG_FILE,
    writesSchemas: project.kind === 'connector',
    watching: relative(project.folder, project.watched) || '.',
  };
  if (project.manifestFile !== undefined) view.manifest = relative(project.folder, project.manifestFile);
  if (project.kind === 'connector') view.watching = 'dist/';
  return view;
}

function packageName(file: string): string | undefined {
  try {
    const name = (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
