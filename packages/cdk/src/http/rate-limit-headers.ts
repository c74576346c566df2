/**
 * Reading how long a server wants us to wait: `Retry-After` (RFC 9110: delay seconds or an
 * HTTP-date) and the common rate-limit reset headers (`X-RateLimit-Reset`, `RateLimit-Reset`,
 * `X-Rate-Limit-Reset` and the `reset=` of the structured `RateLimit` header).
 */

/** What a server asked for: a wait in ms and the header that said so. */
export interface ServerWait {
  waitMs: number;
  /** When the server's quota resets, in epoch ms, if it said so. */
  resetAt?: number;
  header: string;
}

/** Headers that carry a reset time; values are either seconds from now or a Unix time. */
const RESET_HEADERS = ['x-ratelimit-reset', 'ratelimit-reset', 'x-rate-limit-reset'] as const;
const REMAINING_HEADERS = ['x-ratelimit-remaining', 'ratelimit-remaining', 'x-rate-limit-remaining'] as const;

/** A Unix time in seconds is at least this (2001-09-09); anything smaller is seconds from now. */
const EPOCH_SECONDS_THRESHOLD = 1e9;
const EPOCH_MS_THRESHOLD = 1e12;

interface HeaderSource {
  get(name: string): string | null;
}

/** Parses a `Retry-After` value into a wait in ms from `now`; undefined when it is not valid. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text.length === 0) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Parses a reset header: a number of seconds from now, or (when large enough to be one) a Unix
 * time in seconds or in ms. Returns the absolute time in epoch ms.
 */
export function parseResetTime(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const number = Number(text);
  if (number >= EPOCH_MS_THRESHOLD) return Math.ceil(number);
  if (number >= EPOCH_SECONDS_THRESHOLD) return Math.ceil(number * 1000);
  return now + Math.ceil(number * 1000);
}

/** The `reset=` parameter of a structured `RateLimit: limit=100, remaining=0, reset=30` header. */
function structuredReset(value: string | null): string | undefined {
  if (value === null) return undefined;
  return /(?:^|[;,\s])reset=(\d+(?:\.\d+)?)/i.exec(value)?.[1];
}

/**
 * The wait a response asks for. `Retry-After` is honoured on any retryable response; the reset
 * headers only when the response is a rate-limit answer (`rateLimited`), since many APIs send
 * them on every response, where they mean nothing for a retry after a 503.
 */
export function serverRequestedWait(headers: HeaderSource, rateLimited: boolean, now: number = Date.now()): ServerWait | undefined {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return { waitMs: retryAfter, header: 'Retry-After' };
  if (!rateLimited) return undefined;
  let best: ServerWait | undefined;
  const candidates: Array<[string, string | undefined]> = RESET_HEADERS.map((name) => [name, headers.get(name) ?? undefined]);
  candidates.push(['ratelimit', structuredReset(headers.get('ratelimit'))]);
  for (const [name, value] of candidates) {
    const resetAt = parseResetTime(value, now);
    if (resetAt === undefined) continue;
    const waitMs = Math.max(0, resetAt - now);
    if (best === undefined || waitMs > best.waitMs) best = { waitMs, resetAt, header: name };
  }
  return best;
}

/** True when a rate-limit header says no request is left (GitHub answers such requests with a 403). */
export function quotaExhausted(headers: HeaderSource): boolean {
  for (const name of REMAINING_HEADERS) {
    const value = headers.get(name);
    if (value !== null && value.trim() === '0') return true;
  }
  return /(?:^|[;,\s])remaining=0(?![\d.])/i.test(headers.get('ratelimit') ?? '');
}
