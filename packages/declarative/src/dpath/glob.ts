// dpath's path globs: each segment is matched with Python's fnmatchcase (`*`, `?`, `[seq]`,
// `[!seq]`); segments that Python's int() reads ('0', ' 7', '1_0') are compared as that integer's
// text, because dpath converts int-like segments to integers and back; a `**` segment matches any
// number of segments (at most one per glob).

export type Segment = string | number;
export type Glob = readonly string[];

const INT_LIKE = /^[\s]*[+-]?\d+(?:_\d+)*[\s]*$/;

/** A path segment as dpath compares it: int-like text and integers as canonical integer text. */
export function normalizeSegment(segment: unknown): string | null {
  if (typeof segment === 'number') return Number.isInteger(segment) ? String(segment) : null;
  if (typeof segment === 'bigint') return segment.toString();
  if (typeof segment === 'boolean') return segment ? '1' : '0';
  if (typeof segment !== 'string') return null;
  if (INT_LIKE.test(segment)) return BigInt(segment.trim().replaceAll('_', '')).toString();
  return segment;
}

/** True when a normalised segment holds fnmatch syntax. */
export function isGlobSegment(segment: string): boolean {
  return segment.includes('*') || segment.includes('?') || segment.includes('[');
}

const patterns = new Map<string, RegExp>();

/** Python's fnmatch.fnmatchcase(name, pattern). */
export function fnmatchcase(name: string, pattern: string): boolean {
  if (!isGlobSegment(pattern)) return name === pattern;
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^${translate(pattern)}$`, 's');
    if (patterns.size > 1000) patterns.clear();
    patterns.set(pattern, regex);
  }
  return regex.test(name);
}

function escapeChar(ch: string): string {
  return ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** fnmatch.translate: `*`, `?` and bracket sets; an unclosed `[` is a literal. */
function translate(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i++];
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch !== '[') out += escapeChar(ch);
    else {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) out += '\\[';
      else {
        out += bracket(pattern.slice(i, j));
        i = j + 1;
      }
    }
  }
  return out;
}

function bracket(body: string): string {
  const negate = body.startsWith('!');
  const content = (negate ? body.slice(1) : body).replace(/\\/g, '\\\\').replace(/\]/g, '\\]').replace(/\^/g, '\\^');
  if (content === '') return negate ? '.' : '(?!)';
  return `[${negate ? '^' : ''}${content}]`;
}

/** dpath's match(path, glob): the path's segments against the glob's, `**` expanded to fit. */
export function matchPath(path: readonly Segment[], glob: readonly (string | null)[]): boolean {
  let expanded = glob;
  const star = glob.indexOf('**');
  if (star !== -1) {
    if (glob.indexOf('**', star + 1) !== -1) throw new Error(`Invalid glob. Only one '**' is permitted per glob: ${JSON.stringify(glob)}`);
    if (path.length >= glob.length) {
      expanded = [...glob.slice(0, star), ...Array<string>(path.length - glob.length + 1).fill('*'), ...glob.slice(star + 1)];
    } else if (path.length === glob.length - 1) expanded = [...glob.slice(0, star), ...glob.slice(star + 1)];
  }
  if (expanded.length !== path.length) return false;
  for (let i = 0; i < path.length; i++) {
    const pattern = expanded[i];
    if (pattern === null || !fnmatchcase(String(path[i]), pattern)) return false;
  }
  return true;
}
