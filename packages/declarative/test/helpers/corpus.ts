/**
 * The declarative corpus (real Airbyte manifests and the Python CDK's answers), which lives next
 * to the repository in `../shared/declarative/` (present in CI, maybe not on a laptop; the corpus
 * tests skip with a message when it is absent).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AirbyteMessage } from '@tributary/cdk';

/** The repository root (this file is packages/declarative/test/helpers/corpus.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
/** `TRIBUTARY_SHARED_DIR` points elsewhere when the checkout has no `../shared` beside it (a git worktree). */
export const CORPUS_DIR = resolve(process.env.TRIBUTARY_SHARED_DIR ?? resolve(REPO_ROOT, '../shared'), 'declarative');

/** Why the corpus tests cannot run, or undefined when they can. */
export function corpusSkipReason(): string | undefined {
  return existsSync(resolve(CORPUS_DIR, 'manifests')) ? undefined : `the declarative corpus is not at ${CORPUS_DIR}`;
}

/** Every connector of the corpus, sorted. */
export function corpusConnectors(): string[] {
  return readdirSync(resolve(CORPUS_DIR, 'manifests'))
    .filter((file) => file.endsWith('.yaml'))
    .map((file) => file.slice(0, -'.yaml'.length))
    .sort();
}

export function manifestFile(connector: string): string {
  return resolve(CORPUS_DIR, 'manifests', `${connector}.yaml`);
}

export function configFile(connector: string): string {
  return resolve(CORPUS_DIR, 'configs', `${connector}.json`);
}

/** The dummy config of a connector, or undefined (one connector has none). */
export function corpusConfig(connector: string): Record<string, unknown> | undefined {
  const file = configFile(connector);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : undefined;
}

/** The message of the given type that the Python CDK printed for `spec` or `discover`, if any. */
export function expectedMessage(connector: string, command: 'spec' | 'discover', type: 'SPEC' | 'CATALOG'): AirbyteMessage | undefined {
  const text = readFileSync(resolve(CORPUS_DIR, 'expected', connector, `${command}.jsonl`), 'utf8');
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const message = JSON.parse(line) as AirbyteMessage;
    if (message.type === type) return message;
  }
  return undefined;
}

/** How long the Python CDK took, from the corpus's meta.json. */
export function pythonSeconds(connector: string, command: 'spec' | 'discover'): number {
  const meta = JSON.parse(readFileSync(resolve(CORPUS_DIR, 'expected', connector, 'meta.json'), 'utf8'));
  return meta[command].seconds as number;
}
