import { createReadStream, rmSync } from 'node:fs';
import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onDemand } from '../../http/on-demand-modules.js';

/** Records a cache keeps in memory by default, measured as the length of their JSON. */
export const DEFAULT_CACHE_MEMORY_BYTES = 16 * 1024 * 1024;

/** Lines written to the spill file at once. */
const WRITE_BATCH_CHARS = 1024 * 1024;

/**
 * Records kept to be read again later, in bounded memory: as JSON lines in memory up to
 * `memoryBytes` (measured as the length of their JSON), then in a temporary JSON lines file.
 * Records come back as they were serialised (JSON round trip), in the order they were added.
 * `dispose()` deletes the file; a process that exits without it still deletes the file.
 */
export class RecordCache {
  private lines: string[] = [];
  private memoryChars = 0;
  private spill: { dir: string; file: string; handle: FileHandle | undefined; pending: string[]; pendingChars: number } | undefined;
  private readonly removeOnExit = () => {
    if (this.spill !== undefined) rmSync(this.spill.dir, { recursive: true, force: true });
  };
  private sealed = false;
  /** How many records were added. */
  count = 0;

  constructor(private readonly memoryBytes: number = DEFAULT_CACHE_MEMORY_BYTES) {}

  /** True once the records went to a temporary file. */
  get spilled(): boolean {
    return this.spill !== undefined;
  }

  async add(record: unknown): Promise<void> {
    if (this.sealed) throw new Error('RecordCache: cannot add records after reading them');
    const line = JSON.stringify(record);
    this.count++;
    const spill = this.spill;
    if (spill === undefined) {
      this.lines.push(line);
      this.memoryChars += line.length;
      if (this.memoryChars > this.memoryBytes) await this.spillToFile();
      return;
    }
    spill.pending.push(line);
    spill.pendingChars += line.length + 1;
    if (spill.pendingChars >= WRITE_BATCH_CHARS) await this.flush();
  }

  /** The records, in order. May be called more than once; no record can be added after the first call. */
  async *records(): AsyncGenerator<unknown> {
    this.sealed = true;
    const spill = this.spill;
    if (spill === undefined) {
      for (const line of this.lines) yield JSON.parse(line);
      return;
    }
    await this.flush();
    if (spill.handle !== undefined) {
      await spill.handle.close();
      spill.handle = undefined;
    }
    const input = createReadStream(spill.file, { encoding: 'utf8' });
    const lines = onDemand.readline().createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
    try {
      for await (const line of lines) if (line.length > 0) yield JSON.parse(line);
    } finally {
      lines.close();
      input.destroy();
    }
  }

  /** Frees the memory and deletes the temporary file. */
  async dispose(): Promise<void> {
    this.lines = [];
    this.memoryChars = 0;
    const spill = this.spill;
    if (spill === undefined) return;
    this.spill = undefined;
    process.removeListener('exit', this.removeOnExit);
    await spill.handle?.close().catch(() => undefined);
    await rm(spill.dir, { recursive: true, force: true });
  }

  private async spillToFile(): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-cache-'));
    const file = join(dir, 'records.jsonl');
    process.once('exit', this.removeOnExit);
    this.spill = { dir, file, handle: await open(file, 'w', 0o600), pending: this.lines, pendingChars: this.memoryChars };
    this.lines = [];
    this.memoryChars = 0;
    await this.flush();
  }

  private async flush(): Promise<void> {
    const spill = this.spill;
    if (spill === undefined || spill.pending.length === 0 || spill.handle === undefined) return;
    const text = `${spill.pending.join('\n')}\n`;
    spill.pending = [];
    spill.pendingChars = 0;
    await spill.handle.writeFile(text, 'utf8');
  }
}
