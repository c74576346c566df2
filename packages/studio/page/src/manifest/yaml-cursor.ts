/** The YAML scalar under the cursor: its text (a template when it holds `{{` or `{%`) and its path of keys and indexes. */
import { syntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import type { SyntaxNode } from '@lezer/common';

export interface ScalarAtCursor {
  text: string;
  path: (string | number)[];
  from: number;
  to: number;
}

const SCALARS = new Set(['Literal', 'QuotedLiteral', 'BlockLiteral']);

export function scalarAt(state: EditorState, position: number): ScalarAtCursor | undefined {
  let node: SyntaxNode | null = syntaxTree(state).resolveInner(position, -1);
  while (node !== null && !SCALARS.has(node.name)) node = node.parent;
  if (node === null || node.parent?.name === 'Key') return undefined;
  const raw = state.sliceDoc(node.from, node.to);
  return { text: scalarText(node.name, raw), path: pathOf(state, node), from: node.from, to: node.to };
}

function scalarText(kind: string, raw: string): string {
  if (kind === 'QuotedLiteral') {
    const inner = raw.slice(1, -1);
    return raw.startsWith("'") ? inner.replaceAll("''", "'") : inner.replace(/\\(["\\/])/g, '$1').replaceAll('\\n', '\n');
  }
  if (kind === 'BlockLiteral') {
    const lines = raw.split('\n').slice(1);
    const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
    return lines.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join(raw.startsWith('>') ? ' ' : '\n');
  }
  return raw.trim();
}

function pathOf(state: EditorState, node: SyntaxNode): (string | number)[] {
  const path: (string | number)[] = [];
  for (let current = node.parent; current !== null; current = current.parent) {
    if (current.name === 'Pair') {
      const key = current.getChild('Key');
      if (key !== null) path.unshift(scalarText(key.firstChild?.name ?? 'Literal', state.sliceDoc(key.from, key.to)));
    } else if (current.name === 'Item') {
      let index = 0;
      for (let sibling = current.prevSibling; sibling !== null; sibling = sibling.prevSibling) if (sibling.name === 'Item') index++;
      path.unshift(index);
    }
  }
  return path;
}
