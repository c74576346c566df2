/**
 * The manifest's editor: CodeMirror 6 with YAML highlighting, the runtime's validation as lint
 * diagnostics at their line as you type, Mod-S to save, and the scalar under the cursor reported
 * (for interpolation previews). Loaded on demand: connector projects never download it.
 */
import { closeBrackets } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, foldGutter, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, type Text } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import type { ManifestIssueView } from '../api/client.js';
import { type ScalarAtCursor, scalarAt } from './yaml-cursor.js';

export interface EditorHooks {
  /** The problems of a text (the server's validation). */
  validate(text: string): Promise<ManifestIssueView[]>;
  save(text: string): void;
  changed(text: string): void;
  cursor(scalar: ScalarAtCursor | undefined): void;
}

export interface ManifestEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  goTo(line: number, column?: number): void;
  destroy(): void;
}

export function createManifestEditor(parent: HTMLElement, text: string, hooks: EditorHooks): ManifestEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        foldGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        yaml(),
        lintGutter(),
        linter(async (editor) => diagnostics(editor.state.doc, await hooks.validate(editor.state.doc.toString())), { delay: 400 }),
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: (editor) => {
              hooks.save(editor.state.doc.toString());
              return true;
            },
          },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
        ]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) hooks.changed(update.state.doc.toString());
          if (update.selectionSet || update.docChanged) hooks.cursor(scalarAt(update.state, update.state.selection.main.head));
        }),
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
    goTo: (line, column = 1) => {
      const target = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      const anchor = Math.min(target.to, target.from + column - 1);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}

/** A problem at its line and column, to the end of that line (or the start of the text when it has no place). */
export function diagnostics(doc: Text, issues: readonly ManifestIssueView[]): Diagnostic[] {
  return issues.map((issue) => {
    const message = issue.path ? `${issue.path}: ${issue.message}` : issue.message;
    if (issue.line === undefined || issue.line > doc.lines) return { from: 0, to: 0, severity: 'error', message };
    const line = doc.line(issue.line);
    const from = Math.min(line.to, line.from + Math.max(0, (issue.column ?? 1) - 1));
    return { from, to: Math.max(from, line.to), severity: 'error', message };
  });
}
