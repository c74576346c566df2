// Python's urllib.parse.urljoin (3.11), which the CDK's requester joins `url_base` and `path`
// with. It differs from a browser's URL resolution where manifests notice: empty segments between
// the base's and the path's are dropped (`v4/` + `groups//{{ id }}` gives `v4/groups/id`), a path
// with another scheme is returned as it is, and `;params` of the last segment stay apart.

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*$/;
const USES_RELATIVE = new Set([
  '',
  'ftp',
  'http',
  'gopher',
  'nntp',
  'imap',
  'wais',
  'file',
  'https',
  'shttp',
  'mms',
  'prospero',
  'rtsp',
  'rtspu',
  'sftp',
  'svn',
  'svn+ssh',
  'ws',
  'wss',
]);
const USES_NETLOC = new Set([
  '',
  'ftp',
  'http',
  'gopher',
  'nntp',
  'telnet',
  'imap',
  'wais',
  'file',
  'mms',
  'https',
  'shttp',
  'snews',
  'prospero',
  'rtsp',
  'rtspu',
  'rsync',
  'svn',
  'svn+ssh',
  'sftp',
  'nfs',
  'git',
  'git+ssh',
  'ws',
  'wss',
]);
const USES_PARAMS = new Set([
  '',
  'ftp',
  'hdl',
  'prospero',
  'http',
  'imap',
  'https',
  'shttp',
  'rtsp',
  'rtspu',
  'sip',
  'sips',
  'mms',
  'sftp',
  'tel',
]);

interface ParsedUrl {
  scheme: string;
  netloc: string;
  path: string;
  params: string;
  query: string;
  fragment: string;
}

/** urlparse(url, scheme): scheme, netloc, path, params, query and fragment. */
export function urlparse(url: string, defaultScheme = ''): ParsedUrl {
  let rest = url;
  let scheme = defaultScheme;
  const colon = rest.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = firstIndexOf(rest, '/?#', 2);
    netloc = rest.slice(2, end);
    rest = rest.slice(end);
  }
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash !== -1) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let query = '';
  const question = rest.indexOf('?');
  if (question !== -1) [rest, query] = [rest.slice(0, question), rest.slice(question + 1)];
  let params = '';
  if (USES_PARAMS.has(scheme) && rest.includes(';')) [rest, params] = splitParams(rest);
  return { scheme, netloc, path: rest, params, query, fragment };
}

function firstIndexOf(text: string, characters: string, from: number): number {
  for (let index = from; index < text.length; index++) if (characters.includes(text[index]!)) return index;
  return text.length;
}

function splitParams(url: string): [string, string] {
  const slash = url.lastIndexOf('/');
  const at = slash === -1 ? url.indexOf(';') : url.indexOf(';', slash);
  return at === -1 ? [url, ''] : [url.slice(0, at), url.slice(at + 1)];
}

/** urlunparse of the six parts. */
export function urlunparse(parts: ParsedUrl): string {
  let url = parts.params ? `${parts.path};${parts.params}` : parts.path;
  if (parts.netloc || (parts.scheme && USES_NETLOC.has(parts.scheme) && !url.startsWith('//'))) {
    if (url && !url.startsWith('/')) url = `/${url}`;
    url = `//${parts.netloc}${url}`;
  }
  if (parts.scheme) url = `${parts.scheme}:${url}`;
  if (parts.query) url = `${url}?${parts.query}`;
  if (parts.fragment) url = `${url}#${parts.fragment}`;
  return url;
}

/** urljoin(base, url). */
export function urljoin(base: string, url: string): string {
  if (base === '') return url;
  if (url === '') return base;
  const b = urlparse(base);
  const u = urlparse(url, b.scheme);
  if (u.scheme !== b.scheme || !USES_RELATIVE.has(u.scheme)) return url;
  if (USES_NETLOC.has(u.scheme)) {
    if (u.netloc) return urlunparse(u);
    u.netloc = b.netloc;
  }
  if (!u.path && !u.params) return urlunparse({ ...u, path: b.path, params: b.params, query: u.query || b.query });
  return urlunparse({ ...u, path: resolvePath(b.path, u.path) });
}

function resolvePath(basePath: string, path: string): string {
  const baseParts = basePath.split('/');
  if (baseParts[baseParts.length - 1] !== '') baseParts.pop();
  let segments: string[];
  if (path.startsWith('/')) segments = path.split('/');
  else {
    segments = [...baseParts, ...path.split('/')];
    if (segments.length > 2)
      segments = [segments[0]!, ...segments.slice(1, -1).filter((segment) => segment !== ''), segments[segments.length - 1]!];
  }
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') resolved.pop();
    else if (segment !== '.') resolved.push(segment);
  }
  const last = segments[segments.length - 1];
  if (last === '.' || last === '..') resolved.push('');
  return resolved.join('/') || '/';
}
