import { secretMasker } from '../output/secret-masker.js';

/** Query parameters whose values are credentials even when nobody registered them as secrets. */
const SECRET_PARAM =
  /^(api[_-]?key|apikey|key|token|access[_-]?token|refresh[_-]?token|auth|password|passwd|secret|client[_-]?secret|signature|sig)$/i;

/**
 * A URL safe to print: registered secrets masked, and the values of query parameters that are
 * credentials by name (`api_key`, `token`, `client_secret`…) and a password in the URL replaced by `****`.
 */
export function redactUrl(url: string | URL): string {
  let text = typeof url === 'string' ? url : url.toString();
  try {
    const parsed = new URL(text);
    let changed = false;
    if (parsed.password) {
      parsed.password = '****';
      changed = true;
    }
    for (const name of new Set(parsed.searchParams.keys())) {
      if (SECRET_PARAM.test(name)) {
        parsed.searchParams.set(name, '****');
        changed = true;
      }
    }
    if (changed) text = parsed.toString().replaceAll('%2A%2A%2A%2A', '****');
  } catch {
    // Not a URL: mask what is registered, below.
  }
  return secretMasker.mask(text);
}
