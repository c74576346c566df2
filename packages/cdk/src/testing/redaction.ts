import { redactUrl, SECRET_MASK, secretMasker } from '../runtime.js';

/** Headers that carry credentials whatever their value looks like. */
const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie)$|token|secret|passw|api[-_]?key|session|signature|credential/i;

/** JSON keys and form fields whose values are credentials. */
const SECRET_KEY =
  /^(access[_-]?token|refresh[_-]?token|id[_-]?token|token|client[_-]?secret|secret|password|passwd|api[_-]?key|apikey|api[_-]?token|private[_-]?key|authorization|assertion|code_verifier)$/i;

/**
 * Redaction for recorded fixtures: the CDK's secret masker (spec secrets of the configs run in
 * this process, tokens registered at run time, in all their encodings) plus credentials
 * recognised by name: `Authorization`-like headers, secret-looking query parameters (the CDK's
 * `redactUrl`), and JSON keys or form fields such as `access_token` or `client_secret`.
 */
export function redactText(text: string): string {
  return secretMasker.mask(text);
}

export function redactRequestUrl(url: string): string {
  return redactUrl(url);
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER.test(name);
}

/** A copy of the headers: credential-bearing ones (see `isSecretHeader`) masked, the others with secrets masked. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = isSecretHeader(name) ? SECRET_MASK : redactText(value);
  return out;
}

/** A copy of a JSON value with credentials by key replaced and every string masked. */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const redacted = SECRET_KEY.test(key) && (typeof item === 'string' || typeof item === 'number') ? SECRET_MASK : redactJson(item);
      // Defined, not assigned: a key named `__proto__` must stay a key.
      Object.defineProperty(out, key, { value: redacted, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** A form body (`a=1&client_secret=…`) with credential fields replaced and the rest masked. */
export function redactForm(text: string): string {
  const params = new URLSearchParams(text);
  const out = new URLSearchParams();
  for (const [name, value] of params) out.append(name, SECRET_KEY.test(name) ? SECRET_MASK : redactText(value));
  return out.toString().replaceAll('%2A%2A%2A%2A', SECRET_MASK);
}

/** A body as a fixture stores it: parsed JSON when it is JSON, else redacted text. */
export function redactBody(text: string, contentType: string | undefined): { json: unknown } | { body: string } {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return { json: redactJson(JSON.parse(text)) };
    } catch {
      // Not JSON after all: stored as text below.
    }
  }
  if (type.includes('application/x-www-form-urlencoded')) return { body: redactForm(text) };
  return { body: redactText(text) };
}
