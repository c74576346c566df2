/**
 * The connector's config in `secrets/config.json`. Secrets (values at `airbyte_secret` paths of
 * the spec) never go back to the page once saved: they are replaced by `SAVED_SECRET`, and a
 * config sent back with that marker keeps the saved value. The folder is kept out of git
 * (a `secrets/.gitignore` of `*`, unless git ignores it already) and the file readable by its
 * owner only.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JsonSchema } from '@tributary/cdk';
import { secretFields } from '@tributary/cdk/runtime';
import { type ConfigView, type JsonObject, SAVED_SECRET } from '../api/types.js';
import { writablePath } from '../project/safe-path.js';
import { HttpProblem } from '../server/http-io.js';

export class ConfigStore {
  constructor(
    private readonly folder: string,
    private readonly file: string,
  ) {}

  /** The saved config, or null when there is none. */
  read(): JsonObject | null {
    const path = join(this.folder, this.file);
    if (!existsSync(path)) return null;
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      // The parser's message would quote the file, secrets and all.
      throw new HttpProblem(500, `${this.file} is not valid JSON: fix or delete it`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new HttpProblem(500, `${this.file} is not a JSON object`);
    return value as JsonObject;
  }

  /** The saved config as the page may see it: every secret replaced by `SAVED_SECRET`. */
  view(spec: JsonSchema | null): ConfigView {
    const config = this.read();
    if (config === null) return { config: null, file: this.file, hiddenSecrets: [] };
    const hidden = structuredClone(config);
    const hiddenSecrets: string[][] = [];
    for (const field of spec === null ? [] : secretFields(spec, config)) {
      setAt(hidden, field.keys, SAVED_SECRET);
      hiddenSecrets.push(field.keys.map(String));
    }
    return { config: hidden, file: this.file, hiddenSecrets };
  }

  /** `config` from the page with each `SAVED_SECRET` put back to the saved value at the same place. */
  restoreSecrets(config: JsonObject): JsonObject {
    const saved = this.read();
    const restored = structuredClone(config);
    for (const keys of markerPlaces(restored, [])) {
      const value = saved === null ? undefined : valueAt(saved, keys);
      if (value === undefined) throw new HttpProblem(400, `${keys.join('.')}: no saved secret to keep; type its value`);
      setAt(restored, keys, value);
    }
    return restored;
  }

  save(config: JsonObject): void {
    const path = writablePath(this.folder, this.file);
    const dir = dirname(path);
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!this.ignoredByGit(path) && !existsSync(join(dir, '.gitignore'))) writeFileSync(join(dir, '.gitignore'), '*\n');
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }

  private ignoredByGit(path: string): boolean {
    try {
      execFileSync('git', ['check-ignore', '-q', path], { cwd: this.folder, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  }
}

type Keys = (string | number)[];

function* markerPlaces(value: unknown, keys: Keys): Generator<Keys> {
  if (value === SAVED_SECRET) yield keys;
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* markerPlaces(item, [...keys, index]);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) yield* markerPlaces(item, [...keys, key]);
}

function valueAt(root: unknown, keys: Keys): unknown {
  let current = root;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function setAt(root: unknown, keys: Keys, value: unknown): void {
  let current = root as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) current = current[key] as Record<string | number, unknown>;
  Object.defineProperty(current, keys.at(-1)!, { value, enumerable: true, writable: true, configurable: true });
}
