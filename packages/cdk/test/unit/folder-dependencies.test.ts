/**
 * The folders of packages/cdk/src are layers: a folder may use the folders below it, never one
 * that uses it back, type-only imports included (biome's `noImportCycles` checks files; this
 * checks folders, where a cycle of files in different folders hides). The entry points
 * (`index.ts`, `runtime.ts`, `testing/index.ts`) only gather exports and are left out.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const ENTRY_POINTS = new Set(['index.ts', 'runtime.ts', 'testing/index.ts']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'(\.{1,2}\/[^']+)'/g;

/** Folder → the folders its files import from, with one example import per edge. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    if (ENTRY_POINTS.has(file)) continue;
    const from = dirname(file);
    for (const [, specifier] of readFileSync(join(SRC, file), 'utf8').matchAll(IMPORT)) {
      const to = relative(SRC, dirname(resolve(SRC, from, specifier!)));
      // The entry points (imported by the test kit for the public types) are above every layer.
      if (to === from || to === '' || to.startsWith('..')) continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      if (!edges.has(to)) edges.set(to, `${file} imports ${specifier}`);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** The strongly connected components with more than one folder (Tarjan's algorithm). */
export function folderCycles(graph: Map<string, Map<string, string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    for (const target of graph.get(node)?.keys() ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (stack.includes(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === node ? undefined : stack.pop()) component.push(member);
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

test('no two folders of packages/cdk/src import each other, directly or through others', () => {
  const graph = folderGraph();
  assert.ok(graph.get('streams/http')?.has('http'), 'the scan sees imports (streams/http uses http)');
  const cycles = folderCycles(graph);
  const explained = cycles.map((members) =>
    members
      .flatMap((from) => [...(graph.get(from) ?? [])].filter(([to]) => members.includes(to)).map(([to, why]) => `${from} → ${to}: ${why}`))
      .join('\n'),
  );
  assert.deepEqual(explained, [], `folder cycles:\n${explained.join('\n\n')}`);
});

/**
 * The folders from the bottom layer up, as the README's layout map lists them: a folder may
 * import only from folders before it (a subfolder belongs to its folder's layer unless listed).
 */
const LAYERS = [
  'protocol',
  'errors',
  'json',
  'values',
  'package',
  'output',
  'http',
  'config',
  'schema',
  'state',
  'streams',
  'streams/http',
  'sources',
  'entrypoint',
  'testing',
];

function layerOf(folder: string): string | undefined {
  return [...LAYERS].sort((a, b) => b.length - a.length).find((layer) => folder === layer || folder.startsWith(`${layer}/`));
}

test('the layers go one way: each folder imports only from the layers below it (the HTTP client knows no stream, streams no source)', () => {
  const graph = folderGraph();
  const against: string[] = [];
  for (const [from, edges] of graph) {
    const fromLayer = layerOf(from);
    assert.ok(fromLayer !== undefined, `src/${from}/ is in no layer: add it to LAYERS here and to the README's layout map`);
    for (const [to, why] of edges) {
      const toLayer = layerOf(to);
      assert.ok(toLayer !== undefined, `src/${to}/ is in no layer: add it to LAYERS here and to the README's layout map`);
      if (toLayer !== fromLayer && LAYERS.indexOf(toLayer) > LAYERS.indexOf(fromLayer)) against.push(`${from} → ${to}: ${why}`);
    }
  }
  assert.deepEqual(against, [], `imports against the layers:\n${against.join('\n')}`);
});
