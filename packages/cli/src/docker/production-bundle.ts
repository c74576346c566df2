/**
 * The production bundle copied into a connector image: the compiled connector (its package.json,
 * `files`: dist/, spec.json, schemas/) and, under node_modules/, its production dependencies
 * only, taken from what is installed on the host. No npm, no network.
 *
 * Why not one esbuild file with the CDK inlined: the CDK finds a connector's package root (and
 * so spec.json and schemas/) from the first stack frame outside its own dist/ and src/ folders.
 * Inlined into the connector's dist/main.js, the CDK's code and the connector's share one file,
 * and `spec` fails with "Cannot find the connector package". A bundle would also save only a few
 * MB in an image whose node binary alone is ~100 MB.
 *
 * Dependencies are found the way Node resolves them on the host (from each package's real path,
 * so npm workspace links such as @tributary/cdk are followed) and laid out again in the bundle's
 * node_modules, nesting a package only when another version already holds its name. Every
 * dependency edge is then checked to resolve, inside the bundle, to the same package as on the
 * host.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { ConnectorPackage, PackageJson } from './connector-package.js';
import { readPackageJson } from './connector-package.js';

export interface BundledPackage {
  name: string;
  version: string;
  /** Real path of the package on the host. */
  source: string;
  /** Where it is in the bundle, relative to the bundle root (`node_modules/ajv`). */
  target: string;
  /** A workspace package (a linked folder outside node_modules), copied by its `files`. */
  workspace: boolean;
}

export interface ProductionBundle {
  /** The bundle root: the connector's package root inside the image. */
  dir: string;
  /** The connector entry relative to `dir`, e.g. `dist/main.js`. */
  entry: string;
  packages: BundledPackage[];
  files: number;
  bytes: number;
  warnings: string[];
}

/** Files no production run needs: type declarations, TypeScript sources, source maps, build info, docs. */
const DROPPED_FILE = /(\.d\.[cm]?ts|\.[cm]?ts|\.map|\.tsbuildinfo|\.md|\.markdown)$/i;
/** Kept even when a rule above would drop them. */
const LICENSE_FILE = /^(licen[cs]e|notice|copying)(\.|$|-)/i;
const DROPPED_DIR = new Set(['node_modules', '.git', '.github', '.vscode', '.idea']);
/** Used when a connector's package.json has no `files`. */
const DEFAULT_CONNECTOR_FILES = ['dist', 'schemas', 'spec.json', 'spec.yaml', 'spec.yml'];

class Copier {
  files = 0;
  bytes = 0;
  nativeAddons = new Set<string>();

  /** Copies `from` (file or folder, following symlinks) to `to`, skipping dropped files. */
  copy(from: string, to: string, select?: (relativePath: string) => boolean, root = from, seen = new Set<string>()): void {
    const stat = statSync(from);
    const relativePath = relative(root, from).split(sep).join('/');
    if (stat.isDirectory()) {
      const real = realpathSync(from);
      if (seen.has(real)) return;
      seen.add(real);
      // Folders are created by the files they hold, so unselected folders leave no empty trace.
      for (const entry of readdirSync(from)) {
        if (DROPPED_DIR.has(entry)) continue;
        this.copy(join(from, entry), join(to, entry), select, root, seen);
      }
      return;
    }
    const base = from.slice(from.lastIndexOf(sep) + 1);
    if (DROPPED_FILE.test(base) && !LICENSE_FILE.test(base)) return;
    if (select && !select(relativePath)) return;
    if (base.endsWith('.node') || base === 'binding.gyp') this.nativeAddons.add(root);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    chmodSync(to, stat.mode & 0o100 ? 0o755 : 0o644);
    this.files++;
    this.bytes += stat.size;
  }
}

/** rwxr-xr-x on every folder, whatever the umask: the image's non-root user reads the bundle, root owns it. */
function setFolderModes(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) setFolderModes(join(dir, entry.name));
  }
}

/** `*`, `**` and `?` of npm's `files` patterns as a regular expression over `/`-separated paths. */
function globToRegExp(glob: string): RegExp {
  let pattern = '';
  const text = glob.replace(/^\.\//, '').replace(/\/$/, '');
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '*' && text[i + 1] === '*') {
      pattern += text[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += text[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') pattern += '[^/]*';
    else if (char === '?') pattern += '[^/]';
    else pattern += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern naming a folder selects everything below it, as in npm.
  return new RegExp(`^${pattern}(?:/.*)?$`);
}

/** The selection of a package's `files` field (npm pack semantics, simplified; package.json and licenses always). */
function filesSelector(files: readonly string[]): (relativePath: string) => boolean {
  const include = files.filter((entry) => !entry.startsWith('!')).map(globToRegExp);
  const exclude = files.filter((entry) => entry.startsWith('!')).map((entry) => globToRegExp(entry.slice(1)));
  return (path) => {
    if (path === 'package.json' || (!path.includes('/') && LICENSE_FILE.test(path))) return true;
    return include.some((regexp) => regexp.test(path)) && !exclude.some((regexp) => regexp.test(path));
  };
}

/** Node's lookup of a bare package name from a package folder: ./node_modules/name, then each parent's. */
function resolveOnHost(name: string, fromDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    if (!dir.endsWith(`${sep}node_modules`)) {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The same lookup inside the bundle, over `placed` (bundle-relative folder → host real path). */
function resolveInBundle(name: string, from: string, placed: ReadonlyMap<string, string>): string | undefined {
  const parts = from === '' ? [] : from.split('/');
  for (let length = parts.length; length >= 0; length--) {
    if (length > 0 && parts[length - 1] === 'node_modules') continue;
    const candidate = [...parts.slice(0, length), 'node_modules', name].join('/');
    if (placed.has(candidate)) return candidate;
  }
  return undefined;
}

function dependenciesOf(pkg: PackageJson): { name: string; optional: boolean }[] {
  const result = new Map<string, boolean>();
  for (const name of Object.keys(pkg.dependencies ?? {})) result.set(name, false);
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) result.set(name, true);
  for (const name of Object.keys(pkg.peerDependencies ?? {})) {
    if (!result.has(name)) result.set(name, pkg.peerDependenciesMeta?.[name]?.optional === true);
  }
  return [...result].map(([name, optional]) => ({ name, optional }));
}

/**
 * Writes the production bundle of `connector` to `outDir` (emptied first). The connector must
 * be compiled and its dependencies installed (npm install / npm ci).
 */
export function prepareProductionBundle(connector: ConnectorPackage, outDir: string): ProductionBundle {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  chmodSync(outDir, 0o755);
  const copier = new Copier();
  const warnings: string[] = [];

  const connectorFiles = connector.pkg.files ?? DEFAULT_CONNECTOR_FILES;
  copier.copy(connector.dir, outDir, filesSelector(connectorFiles));
  if (!existsSync(join(outDir, connector.entry))) {
    throw new Error(`The connector entry ${connector.entry} is not among the package's files (${connectorFiles.join(', ')})`);
  }

  const root = realpathSync(connector.dir);
  /** Bundle-relative folder → host real path of the package placed there ('' is the connector). */
  const placed = new Map<string, string>([['', root]]);
  const edges: { from: string; name: string; to: string; requiredBy: string }[] = [];
  const packages: BundledPackage[] = [];
  const queue: { source: string; target: string; pkg: PackageJson }[] = [{ source: root, target: '', pkg: connector.pkg }];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const requiredBy = current.pkg.name ?? current.source;
    for (const { name, optional } of dependenciesOf(current.pkg)) {
      const source = resolveOnHost(name, current.source);
      if (source === undefined) {
        if (!optional) {
          throw new Error(`${requiredBy} depends on ${name}, which is not installed (run npm install, or npm ci, first)`);
        }
        continue;
      }
      const found = resolveInBundle(name, current.target, placed);
      if (found !== undefined && placed.get(found) === source) {
        edges.push({ from: current.target, name, to: source, requiredBy });
        continue;
      }
      // Another version holds the name where Node would look: nest this one under its dependent.
      const target = found === undefined ? `node_modules/${name}` : [current.target, 'node_modules', name].filter(Boolean).join('/');
      if (placed.has(target)) {
        throw new Error(`Cannot place ${name} for ${requiredBy}: ${target} already holds ${placed.get(target)}`);
      }
      placed.set(target, source);
      edges.push({ from: current.target, name, to: source, requiredBy });
      const pkg = readPackageJson(source);
      const workspace = !source.split(sep).includes('node_modules');
      const select = workspace && pkg.files ? filesSelector(pkg.files) : undefined;
      copier.copy(source, join(outDir, ...target.split('/')), select);
      packages.push({ name, version: pkg.version ?? '', source, target, workspace });
      queue.push({ source, target, pkg });
    }
  }

  for (const edge of edges) {
    const found = resolveInBundle(edge.name, edge.from, placed);
    if (found === undefined || placed.get(found) !== edge.to) {
      throw new Error(
        `In the bundle, ${edge.requiredBy} would load ${edge.name} from ${found ?? 'nowhere'} instead of ${edge.to}; ` +
          'the installed dependency tree cannot be laid out again (try npm dedupe)',
      );
    }
  }
  for (const addon of copier.nativeAddons) {
    warnings.push(
      `${addon} contains a native addon built on this machine: the image's base must have the same OS, CPU architecture and libc`,
    );
  }
  setFolderModes(outDir);
  packages.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  return { dir: outDir, entry: connector.entry, packages, files: copier.files, bytes: copier.bytes, warnings };
}
