import { holdsSecret } from '../../http/secret-content.js';

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * A page token as a STATE message may keep it, or undefined when it cannot be kept: no secret
 * may reach a STATE (it is stored by the platform, and not masked, since it must round-trip).
 *
 * A next-page link is kept without the query parameters in `reAdded`, those the authenticator
 * sets again on every request (APIs echo an `api_key` parameter in their links), so the resumed
 * request is the same. A secret anywhere else (in another parameter, even inside a longer value
 * such as a signature, in the path or the user info), or in a token that is not a link, cannot be
 * taken out without breaking the resumed request: the token is not kept, and an interrupted read
 * starts that slice again from its first page.
 */
export function tokenForState<T>(token: T, reAdded: ReadonlySet<string>): T | undefined {
  if (typeof token === 'string' && ABSOLUTE_URL.test(token)) return linkForState(token, reAdded) as T | undefined;
  const text = typeof token === 'string' ? token : JSON.stringify(token);
  return text !== undefined && holdsSecret(text) ? undefined : token;
}

/** A link without the parameters `reAdded`; undefined if a secret is left in it (see `tokenForState`). */
export function linkForState(link: string, reAdded: ReadonlySet<string>): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return holdsSecret(link) ? undefined : link;
  }
  let changed = false;
  for (const name of reAdded) {
    if (url.searchParams.has(name)) {
      url.searchParams.delete(name);
      changed = true;
    }
  }
  const kept = changed ? url.toString() : link;
  return linkHoldsSecret(url, kept) ? undefined : kept;
}

/** Looks for a secret in every part of the link, as written and decoded. */
function linkHoldsSecret(url: URL, text: string): boolean {
  const parts = [text, decoded(text), decoded(url.pathname), decoded(url.username), decoded(url.password), decoded(url.hash)];
  for (const [name, value] of url.searchParams) parts.push(name, value);
  return parts.some(holdsSecret);
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
