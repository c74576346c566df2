/**
 * Watches what the project runs from: a connector's `dist/` (rebuilt by `npm run build -- --watch`
 * beside Studio) or the manifest file (edited in another editor). Changes are gathered for a
 * short while, so one rebuild that writes many files is one change.
 */
import { existsSync, type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

const SETTLE_MS = 300;

export class ChangeWatcher {
  private watcher: FSWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private changed = new Set<string>();

  /** `target` is a folder (watched with its subfolders) or a file (watched through its folder, as editors replace files). */
  constructor(
    private readonly target: string,
    private readonly onChange: (files: string[]) => void,
  ) {}

  start(): void {
    if (this.target.endsWith('.yaml') || this.target.endsWith('.yml')) {
      const name = basename(this.target);
      this.watcher = watch(dirname(this.target), (_event, file) => {
        if (file === name) this.note(file);
      });
    } else {
      // A dist/ that does not exist yet (never built) is watched from its parent until it does.
      const folder = existsSync(this.target) ? this.target : dirname(this.target);
      const prefix = folder === this.target ? '' : `${basename(this.target)}/`;
      this.watcher = watch(folder, { recursive: true }, (_event, file) => {
        const path = typeof file === 'string' ? file : '';
        if (prefix === '' || path.startsWith(prefix)) this.note(path.slice(prefix.length));
      });
    }
    this.watcher.on('error', () => this.stop());
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.timer !== undefined) clearTimeout(this.timer);
  }

  private note(file: string): void {
    this.changed.add(file);
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const files = [...this.changed].sort();
      this.changed = new Set();
      this.onChange(files);
    }, SETTLE_MS);
  }
}
