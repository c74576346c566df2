/** A manifest's problems as the runtime finds them (YAML, references, the component schema), with their lines. */
import { loadManifestText, ManifestError } from '@tributary/declarative';
import type { ManifestIssueView } from '../api/types.js';

export function manifestIssues(text: string, file: string): ManifestIssueView[] {
  try {
    loadManifestText(text, { file });
    return [];
  } catch (error) {
    if (!(error instanceof ManifestError)) return [{ message: error instanceof Error ? error.message : String(error) }];
    if (error.issues.length === 0) return [{ message: error.message }];
    return error.issues.map((issue) => {
      const view: ManifestIssueView = { message: issue.message };
      if (issue.line !== undefined) view.line = issue.line;
      if (issue.column !== undefined) view.column = issue.column;
      if (issue.path !== undefined) view.path = issue.path;
      return view;
    });
  }
}
