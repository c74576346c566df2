/**
 * A copy of one of the repository's connectors in a temp folder, built files and sources
 * included, with `node_modules` linked to the repository's: Studio may write its config and
 * schemas there, and a test may change its schemas or its dist/, without touching the repository.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';

export class ConnectorCopy {
  private constructor(readonly dir: TempDir) {}

  static of(connector: 'source-faker' | 'source-rest-example'): ConnectorCopy {
    const source = join(REPO_ROOT, 'connectors', connector);
    const dir = TempDir.createSync(`studio-${connector}-`);
    for (const part of ['package.json', 'spec.json', 'schemas', 'src', 'dist']) {
      if (existsSync(join(source, part))) cpSync(join(source, part), dir.file(part), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), dir.file('node_modules'));
    return new ConnectorCopy(dir);
  }

  get path(): string {
    return this.dir.path;
  }

  file(name: string): string {
    return this.dir.file(name);
  }

  readJson<T>(name: string): T {
    return JSON.parse(readFileSync(this.file(name), 'utf8')) as T;
  }

  writeJson(name: string, value: unknown): void {
    writeFileSync(this.file(name), `${JSON.stringify(value, null, 2)}\n`);
  }

  remove(): void {
    this.dir.removeSync();
  }
}

/** Compiles the copy's src/ into its dist/ as `npm run build` does (tsc, with source maps). */
export function buildCopy(copy: ConnectorCopy): void {
  writeFileSync(
    copy.file('tsconfig.json'),
    JSON.stringify({
      extends: join(REPO_ROOT, 'tsconfig.base.json'),
      compilerOptions: { rootDir: 'src', outDir: 'dist', composite: false, incremental: false, declaration: false, declarationMap: false },
      include: ['src'],
    }),
  );
  execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', copy.file('tsconfig.json')], { stdio: 'pipe' });
}
