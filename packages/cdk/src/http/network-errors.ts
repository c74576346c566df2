/** Error codes of failures on the way to or from the server: worth a retry. */
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** Thrown (internally) when one attempt takes longer than the request timeout. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && chain.length < 8 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True for failures of the connection itself (reset, refused, DNS, TLS, timeouts, a body cut
 * off mid-way), which a retry may cure; false for errors in the request as built (a header
 * value with a newline, say), which it cannot.
 */
export function isRetryableNetworkError(error: unknown): boolean {
  for (const item of causes(error)) {
    if (item instanceof RequestTimeoutError) return true;
    const code = codeOf(item);
    if (code !== undefined && (RETRYABLE_CODES.has(code) || code.startsWith('UND_ERR_') || code.startsWith('ERR_TLS_'))) return true;
  }
  // undici's fetch wraps connection failures as `TypeError: fetch failed` and a body cut off as `terminated`.
  const message = (error as Error | null)?.message ?? '';
  return message === 'fetch failed' || message === 'terminated' || /other side closed|socket hang up/i.test(message);
}

/** The most telling description of a network error: the innermost cause with a code, or the message. */
export function describeNetworkError(error: unknown): string {
  const chain = causes(error);
  for (const item of chain) if (item instanceof RequestTimeoutError) return item.message;
  for (let index = chain.length - 1; index >= 0; index--) {
    const item = chain[index];
    const code = codeOf(item);
    const message = (item as Error | null)?.message;
    if (code !== undefined) return message && !message.includes(code) ? `${code}: ${message}` : (message ?? code);
  }
  const last = chain[chain.length - 1] as Error | undefined;
  const first = chain[0] as Error | undefined;
  if (last && first && last !== first) return `${first.message}: ${last.message}`;
  return first?.message ?? String(error);
}
