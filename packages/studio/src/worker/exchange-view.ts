/**
 * One HTTP exchange as the page shows it: secrets masked (the config's secrets and tokens the
 * connector registered, by the connector's own masker; credential headers and query parameters
 * by name), JSON bodies pretty-printed, and bodies cut at `BODY_PREVIEW_CHARS` with the whole
 * text kept aside (up to `KEPT_BODY_CHARS` in all) for "show all".
 */
import type { Exchange } from '@tributary/cdk/testing';
import type { BodyView, ExchangeView } from '../api/types.js';

/** Characters of a body shown at first. */
export const BODY_PREVIEW_CHARS = 64 * 1024;
/** Whole bodies kept per run for "show all" (characters, all bodies together). */
export const KEPT_BODY_CHARS = 64 * 1024 * 1024;
/** Bodies larger than this are not parsed to be pretty-printed. */
const PRETTY_MAX_CHARS = 8 * 1024 * 1024;

export interface Masking {
  /** Masks the known secrets in a text. */
  text(text: string): string;
  /** Masks a URL: credential query parameters by name, then known secrets. */
  url(url: string): string;
  /** Masks headers: credential headers by name, known secrets in the others. */
  headers(headers: Record<string, string>): Record<string, string>;
}

/** Keeps the whole text of cut bodies, up to `KEPT_BODY_CHARS` in all. */
export class BodyStore {
  readonly bodies: Record<string, string> = {};
  private kept = 0;
  private next = 0;

  keep(text: string): string | undefined {
    if (this.kept + text.length > KEPT_BODY_CHARS) return undefined;
    this.kept += text.length;
    const id = String(++this.next);
    this.bodies[id] = text;
    return id;
  }
}

export function exchangeView(exchange: Exchange, masking: Masking, store: BodyStore): ExchangeView {
  const { request, response } = exchange;
  const view: ExchangeView = {
    request: { method: request.method, url: masking.url(request.url), headers: masking.headers(request.headers) },
    durationMs: exchange.durationMs,
  };
  if (request.body !== undefined) {
    view.request.body = bodyView(masking.text(request.body), request.headers['content-type'], Buffer.byteLength(request.body), store);
  }
  if (response !== undefined) {
    const contentType = response.headers['content-type'];
    const text = masking.text(response.body.toString('utf8'));
    view.response = {
      status: response.status,
      headers: masking.headers(response.headers),
      body: bodyView(text, contentType, response.body.length, store),
    };
  }
  if (exchange.error !== undefined) view.error = masking.text(exchange.error);
  return view;
}

function bodyView(text: string, contentType: string | undefined, size: number, store: BodyStore): BodyView {
  const shown = pretty(text, contentType);
  const view: BodyView = { text: shown, size, truncated: false };
  if (contentType !== undefined) view.contentType = contentType;
  if (shown.length > BODY_PREVIEW_CHARS) {
    view.text = shown.slice(0, BODY_PREVIEW_CHARS);
    view.truncated = true;
    const id = store.keep(shown);
    if (id !== undefined) view.id = id;
  }
  return view;
}

/**
 * JSON re-indented by two spaces; anything else as it came. The text is re-indented as written,
 * never parsed and printed again, so numbers keep their digits (a 64-bit id stays exact).
 */
export function pretty(text: string, contentType: string | undefined): string {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson || text.length > PRETTY_MAX_CHARS) return text;
  try {
    JSON.parse(text);
  } catch {
    return text;
  }
  return reindent(text);
}

function reindent(json: string): string {
  let out = '';
  let depth = 0;
  for (let index = 0; index < json.length; index++) {
    const char = json[index]!;
    if (char === '"') {
      const end = stringEnd(json, index);
      out += json.slice(index, end);
      index = end - 1;
    } else if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      const next = nextNonSpace(json, index + 1);
      if (json[next] === close) {
        out += char + close;
        index = next;
      } else out += `${char}\n${'  '.repeat(++depth)}`;
    } else if (char === '}' || char === ']') out += `\n${'  '.repeat(--depth)}${char}`;
    else if (char === ',') out += `,\n${'  '.repeat(depth)}`;
    else if (char === ':') out += ': ';
    else if (!/\s/.test(char)) out += char;
  }
  return out;
}

/** The index after the string that starts at `start` (its opening quote). */
function stringEnd(json: string, start: number): number {
  let index = start + 1;
  while (index < json.length && json[index] !== '"') index += json[index] === '\\' ? 2 : 1;
  return index + 1;
}

function nextNonSpace(json: string, from: number): number {
  let index = from;
  while (index < json.length && /\s/.test(json[index]!)) index++;
  return index;
}
