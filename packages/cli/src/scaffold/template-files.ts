/** A generated connector: file paths (relative to its folder, `/`-separated) and their content. */
export type TemplateFiles = Map<string, string>;

/** Versions written into generated package.json files. */
export interface TemplateVersions {
  /** The `@tributary/cdk` version range the connector depends on. */
  cdk: string;
  typescript: string;
  tsx: string;
  typesNode: string;
}

export const DEFAULT_VERSIONS: TemplateVersions = {
  cdk: '^0.1.0',
  typescript: '^7.0.2',
  tsx: '^4.23.15',
  typesNode: '^20.19.43',
};

/** JSON as the templates write it: two-space indentation and a final newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Joins lines with a final newline (template code is written as arrays of lines: no escaping trouble). */
export function lines(...content: string[]): string {
  return `${content.join('\n')}\n`;
}
