/** The project's folder, once known: stack frames inside it link to their source. */
let folder = '';

export function setProjectFolder(path: string): void {
  folder = path.endsWith('/') ? path : `${path}/`;
}

/** The path of `file` relative to the project folder, or undefined when it is outside (node_modules count as outside). */
export function projectRelative(file: string): string | undefined {
  const path = file.startsWith('file://') ? decodeURIComponent(file.slice('file://'.length)) : file;
  if (folder === '' || !path.startsWith(folder)) return undefined;
  const relative = path.slice(folder.length);
  return relative.startsWith('node_modules/') ? undefined : relative;
}
