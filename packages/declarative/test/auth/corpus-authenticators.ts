/** Every requester of a corpus manifest and the authenticator it builds (shared by the corpus test). */
import type { LoadedManifest } from '../../src/manifest/load-manifest.js';

export interface RequesterUse {
  /** Where the requester is in the resolved manifest (`streams[3].retriever.requester`). */
  path: string;
  authenticator: { type: string; [field: string]: unknown } | undefined;
  urlBase: string | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every HttpRequester under the streams and dynamic streams (parents, async retrievers and schema loaders included). */
export function requestersOf(manifest: LoadedManifest): RequesterUse[] {
  const found: RequesterUse[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        visit(item, `${path}[${index}]`);
      });
      return;
    }
    if (!isObject(node)) return;
    if (node.type === 'HttpRequester' && !path.endsWith('login_requester')) {
      found.push({
        path,
        authenticator: node.authenticator as RequesterUse['authenticator'],
        urlBase: (node.url ?? node.url_base) as string | undefined,
      });
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$parameters' || (key === 'schema' && node.type === 'InlineSchemaLoader')) continue;
      visit(value, path === '' ? key : `${path}.${key}`);
    }
  };
  visit(manifest.resolved.streams, 'streams');
  visit(manifest.resolved.dynamic_streams, 'dynamic_streams');
  return found;
}
