import { ConnectorError } from '@tributary/cdk';

/** Where a problem stands: the YAML file, line and column (1-based), and the component path. */
export interface ManifestLocation {
  file?: string;
  line?: number;
  column?: number;
  /** The component path in the resolved manifest, `streams[2].retriever.paginator`. */
  path?: string;
}

/** One problem of a manifest, as a person reads it. */
export interface ManifestIssue extends ManifestLocation {
  message: string;
}

/** `file:12:5: streams[2].retriever: message`, leaving out what is unknown. */
export function formatIssue(issue: ManifestIssue): string {
  const place = [issue.file, issue.line, issue.column].filter((part) => part !== undefined).join(':');
  const path = issue.path ? `${issue.path}: ` : '';
  return `${place ? `${place}: ` : ''}${path}${issue.message}`;
}

/**
 * A manifest that cannot be used: bad YAML, a dangling reference, a component the schema
 * rejects. It is the user's input, so a `config_error`; `issues` lists every problem found.
 */
export class ManifestError extends ConnectorError {
  readonly issues: readonly ManifestIssue[];

  constructor(summary: string, issues: readonly ManifestIssue[]) {
    super(issues.length === 0 ? summary : `${summary}: ${issues.map(formatIssue).join('; ')}`, { failureType: 'config_error' });
    this.name = 'ManifestError';
    this.issues = issues;
  }
}

/**
 * A problem found while resolving the raw manifest, at a path of the manifest as written; the
 * loader turns it into a {@link ManifestError} with the file, line and column.
 */
export class RawManifestProblem extends Error {
  constructor(
    readonly summary: string,
    readonly problem: string,
    readonly rawPath: ReadonlyArray<string | number>,
  ) {
    super(`${summary}: ${problem}`);
    this.name = 'RawManifestProblem';
  }
}
