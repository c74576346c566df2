import { describeJsonSyntaxError } from '../errors/json-syntax-error.js';
import { redactUrl } from './redact-url.js';

/** How a response body is read: `auto` goes by the `Content-Type`. */
export type ResponseFormat = 'auto' | 'json' | 'jsonl' | 'text';

/** What an HTTP response is made of; also how tests build one. */
export interface HttpResponseInit {
  status: number;
  statusText?: string;
  headers?: Headers | Record<string, string>;
  /** The headers as received, names in their original case, in order (default: from `headers`). */
  rawHeaders?: readonly (readonly [string, string])[];
  url: string;
  method?: string;
  /** The whole body, already read. */
  body?: Uint8Array | string;
  /** How long the request took, in ms. */
  durationMs?: number;
  /** `json` parses the body as JSON and `jsonl` as JSON lines, whatever the `Content-Type` says. */
  format?: ResponseFormat;
}

/** Thrown when a body is not the JSON it should be; the client retries it like a 5xx. */
export class InvalidBodyError extends Error {
  constructor(
    /** What is wrong, without the request: `not valid JSON: Unexpected end of JSON input`. */
    readonly reason: string,
    readonly response: HttpResponse,
  ) {
    super(`The response to ${response.method} ${redactUrl(response.url)} (HTTP ${response.status}) is ${reason}`);
    this.name = 'InvalidBodyError';
  }
}

const JSON_LINES_TYPES = /^application\/(x-)?(ndjson|jsonl|json-lines|jsonlines|json-seq)\b/i;
const JSON_TYPES = /^(application\/json|text\/json|application\/[\w.+-]+\+json)\b/i;

/** The body kinds a `Content-Type` names. */
export function formatOfContentType(contentType: string | null): 'json' | 'jsonl' | 'text' {
  const type = (contentType ?? '').trim();
  if (JSON_LINES_TYPES.test(type)) return 'jsonl';
  if (JSON_TYPES.test(type)) return 'json';
  return 'text';
}

const decoder = new TextDecoder('utf-8');

/**
 * One HTTP response, with its body already read in full. `text()`, `json()` and `jsonLines()`
 * decode and parse it once, on first use, and hand every caller the same result: the hooks of a
 * page (`parseResponse`, `nextPageToken`, error rules) may all call them.
 *
 * A 2xx JSON body is parsed by the client inside its retry loop, before any hook sees it, so a
 * truncated or invalid body is retried like a 5xx instead of failing in a hook.
 */
export class HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  /**
   * The headers as they came over the wire: names in their original case and order, a header
   * sent twice listed twice. For code that must see what the server wrote (`Link` vs `link` in
   * a template); `headers` is the case-insensitive view.
   */
  readonly rawHeaders: readonly (readonly [string, string])[];
  /** The URL the response came from (after redirects). */
  readonly url: string;
  readonly method: string;
  readonly durationMs: number;
  private readonly content: Uint8Array;
  private readonly declaredFormat: ResponseFormat;
  private textValue: string | undefined;
  private jsonValue: { value: unknown } | undefined;
  private linesValue: unknown[] | undefined;

  constructor(init: HttpResponseInit) {
    this.status = init.status;
    this.statusText = init.statusText ?? '';
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.rawHeaders = init.rawHeaders ?? [...this.headers];
    this.url = init.url;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.durationMs = init.durationMs ?? 0;
    this.content = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : (init.body ?? new Uint8Array());
    this.declaredFormat = init.format ?? 'auto';
  }

  /** True for a 2xx status. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body's size in bytes (after decompression). */
  get size(): number {
    return this.content.byteLength;
  }

  /** How the body is parsed: the declared format, or the one the `Content-Type` names. */
  get format(): 'json' | 'jsonl' | 'text' {
    return this.declaredFormat === 'auto' ? formatOfContentType(this.headers.get('content-type')) : this.declaredFormat;
  }

  /** The body's bytes, as received (after decompression); the same array on every call, not to be changed. */
  bytes(): Uint8Array {
    return this.content;
  }

  /** The body as UTF-8 text. */
  text(): Promise<string> {
    return Promise.resolve(this.textSync());
  }

  /** The body parsed as JSON (`null` for an empty 204/205 response); the same value on every call. */
  json<T = unknown>(): Promise<T> {
    try {
      return Promise.resolve(this.jsonSync() as T);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The body parsed as JSON lines: one value per non-blank line; the same array on every call. */
  jsonLines<T = unknown>(): Promise<T[]> {
    try {
      return Promise.resolve(this.jsonLinesSync() as T[]);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** @internal Parses the body now if its format is JSON or JSON lines; throws `InvalidBodyError`. */
  parseEagerly(): void {
    const format = this.format;
    if (format === 'json') this.jsonSync();
    else if (format === 'jsonl') this.jsonLinesSync();
  }

  /** A short description for messages: `GET https://… → 404 Not Found`. */
  toString(): string {
    return `${this.method} ${this.url} → ${this.status}${this.statusText ? ` ${this.statusText}` : ''}`;
  }

  private textSync(): string {
    this.textValue ??= decoder.decode(this.content);
    return this.textValue;
  }

  private jsonSync(): unknown {
    if (this.jsonValue === undefined) {
      const text = this.textSync();
      if (text.trim().length === 0 && (this.status === 204 || this.status === 205 || this.method === 'HEAD')) {
        this.jsonValue = { value: null };
      } else {
        try {
          this.jsonValue = { value: JSON.parse(text) };
        } catch (error) {
          throw new InvalidBodyError(
            `not valid JSON${text.length === 0 ? ' (the body is empty)' : ''}: ${describeJsonSyntaxError(error)}`,
            this,
          );
        }
      }
    }
    return this.jsonValue.value;
  }

  private jsonLinesSync(): unknown[] {
    if (this.linesValue === undefined) {
      const values: unknown[] = [];
      const lines = this.textSync().split('\n');
      for (let index = 0; index < lines.length; index++) {
        const line = lines[index]!.trim();
        if (line.length === 0) continue;
        try {
          values.push(JSON.parse(line));
        } catch (error) {
          throw new InvalidBodyError(`not valid JSON lines: line ${index + 1}: ${describeJsonSyntaxError(error)}`, this);
        }
      }
      this.linesValue = values;
    }
    return this.linesValue;
  }
}
