import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A fresh folder under the OS temp folder, for the files of one test: config, catalog, state, schemas. */
export class TempDir {
  private constructor(readonly path: string) {}

  static async create(prefix = 'tributary-test-'): Promise<TempDir> {
    return new TempDir(await mkdtemp(join(tmpdir(), prefix)));
  }

  static createSync(prefix = 'tributary-test-'): TempDir {
    return new TempDir(mkdtempSync(join(tmpdir(), prefix)));
  }

  /**
   * A fresh folder holding `files` (paths relative to it, folders made as needed): strings are
   * written as they are (for broken JSON), anything else as JSON.
   */
  static withFiles(files: Record<string, unknown>, prefix?: string): TempDir {
    const dir = TempDir.createSync(prefix);
    for (const [name, content] of Object.entries(files)) {
      const file = dir.file(name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    return dir;
  }

  /** Writes `value` as JSON to `name`; returns the file's path. */
  async json(name: string, value: unknown): Promise<string> {
    return this.text(name, JSON.stringify(value));
  }

  /** Writes `content` to `name`; returns the file's path. */
  async text(name: string, content: string): Promise<string> {
    const file = this.file(name);
    await writeFile(file, content);
    return file;
  }

  /** The path of `name` in the folder. */
  file(name: string): string {
    return join(this.path, name);
  }

  async remove(): Promise<void> {
    await rm(this.path, { recursive: true, force: true });
  }

  removeSync(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}
