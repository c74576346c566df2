/**
 * The DuckDB file a sync writes, opened with the settings a sync needs: two connections (one
 * for the commits and all DDL, run asynchronously; one that owns the staging appenders, used
 * synchronously on the main thread), bounded memory and threads, no vacuum at checkpoints.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { literal } from './sql.js';
import { ensureBookkeeping, MEMORY_DB } from './tables.js';

/** DuckDB's memory limit during a sync (TRIBUTARY_DUCKDB_MEMORY_LIMIT overrides it). */
const DEFAULT_MEMORY_LIMIT = '128MB';

export interface DuckDBFile {
  /** The file's absolute path. */
  path: string;
  instance: DuckDBInstance;
  /** Runs the commits (and all DDL), asynchronously. */
  writer: DuckDBConnection;
  /** Owns the staging appenders, used synchronously on the main thread. */
  loader: DuckDBConnection;
}

/** Opens (or creates) the file and its bookkeeping tables. */
export async function openDuckDBFile(path: string): Promise<DuckDBFile> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const instance = await createInstance(file, path);
  const writer = await instance.connect();
  const loader = await instance.connect();
  await configure(writer);
  await writer.run(`ATTACH ':memory:' AS ${MEMORY_DB}`);
  await ensureBookkeeping(writer);
  return { path: file, instance, writer, loader };
}

export function closeDuckDBFile({ instance, writer, loader }: DuckDBFile): void {
  loader.closeSync();
  writer.closeSync();
  instance.closeSync();
}

async function createInstance(file: string, shown: string): Promise<DuckDBInstance> {
  try {
    return await DuckDBInstance.create(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // DuckDB lets one process write a file: a second sync of it fails here, the first runs on.
    const hint = /Could not set lock/i.test(message) ? ' (another process, a sync still running?, has it open)' : '';
    throw new Error(`cannot open the DuckDB file ${shown}${hint}: ${message}`);
  }
}

async function configure(writer: DuckDBConnection): Promise<void> {
  // The connector and the loader keep one core busy; more DuckDB threads than the other cores
  // only compete with them (measured: more CPU, slower syncs on 2 cores).
  const threads = Number(process.env.TRIBUTARY_DUCKDB_THREADS) || Math.max(1, availableParallelism() - 1);
  await writer.run(`SET threads = ${threads}`);
  // Bounded memory: DuckDB's buffer pool (cached table blocks) would otherwise grow with the
  // file up to 80% of RAM, and its allocator keeps freed pages unless its background threads
  // return them. Operators that need more spill to disk.
  const limit = process.env.TRIBUTARY_DUCKDB_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT;
  await writer.run(`SET memory_limit = ${literal(limit)}; SET allocator_background_threads = true`);
  // Each commit ends in a partial row group, which a checkpoint's vacuum would merge with its
  // neighbours by rewriting them: 0.6-1.2 s per 1,000,000 rows, at the very end of the sync.
  // Left alone they cost a little space and nothing else; the final checkpoint vacuums only when
  // dedup deleted enough rows to be worth reclaiming.
  await writer.run('SET max_vacuum_tasks = 0');
}
