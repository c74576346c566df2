import { ConnectorError } from '../../errors/connector-error.js';
import { onDemand } from '../../http/on-demand-modules.js';
import { redactUrl } from '../../http/redact-url.js';
import { canonicalJson } from '../../json/canonical-json.js';

export interface PaginationGuardOptions {
  streamName: string;
  /** Fail when a slice has more pages than this. */
  maxPages: number;
  /** Fail when a page has exactly the body of the page before it (which had records). */
  detectRepeatedPages: boolean;
}

/** The request of a page, as messages name it. */
interface PageRequestLine {
  method: string;
  url: URL;
}

/**
 * What keeps one slice from paginating forever: a page with the same body as the page before
 * (an API that ignores the pagination parameters), a next-page token seen before (a loop), or
 * more than `maxPages` pages. Each fails the stream with a message naming the page and request.
 */
export class PaginationGuard {
  private readonly seenTokens = new Map<string, number>();
  private previous: { digest: string; recordCount: number } | undefined;

  /** `resumedFrom`: the token a resumed read starts from; coming back to it is a loop too. */
  constructor(
    private readonly options: PaginationGuardOptions,
    resumedFrom: unknown,
  ) {
    if (resumedFrom !== undefined) this.seenTokens.set(tokenKey(resumedFrom), 0);
  }

  /** Whether `checkPage` needs the body (reading it costs nothing, hashing it does). */
  get checksPages(): boolean {
    return this.options.detectRepeatedPages;
  }

  /** Before the records of page `number` are taken: fails when its body is the body of the page before. */
  checkPage(number: number, request: PageRequestLine, body: string): void {
    if (!this.options.detectRepeatedPages) return;
    const digest = onDemand.crypto().createHash('sha1').update(body).digest('hex');
    if (this.previous !== undefined && this.previous.recordCount > 0 && this.previous.digest === digest) {
      throw new ConnectorError(
        `Stream '${this.options.streamName}': page ${number} (${describeRequest(request)}) has exactly the same content as page ${number - 1}; the API seems to ignore the pagination parameters, so the read stops instead of reading the same records forever (set \`detectRepeatedPages = false\` on the stream if identical pages are expected)`,
      );
    }
    this.previous = { digest, recordCount: 0 };
  }

  /** After the records of the page: how many there were (a repeated empty page is no loop). */
  pageRead(recordCount: number): void {
    if (this.previous !== undefined) this.previous.recordCount = recordCount;
  }

  /**
   * Before moving on to the page after page `number`: fails on a token seen before or past
   * `maxPages`. `next` is compared as it is saved (`saved`, a link without the authenticator's
   * parameters), as a resumed read gets it back.
   */
  checkNext(number: number, request: PageRequestLine, next: unknown, saved: unknown): void {
    const key = tokenKey(saved ?? next);
    const earlier = this.seenTokens.get(key);
    if (earlier !== undefined) {
      throw new ConnectorError(
        `Stream '${this.options.streamName}': pagination loop: after page ${number} (${describeRequest(request)}) the next-page token is ${describeToken(next)}, the same as ${earlier === 0 ? 'the token the read resumed from' : `after page ${earlier}`}; the read stops instead of requesting the same pages forever`,
      );
    }
    if (number >= this.options.maxPages) {
      throw new ConnectorError(
        `Stream '${this.options.streamName}': more than ${this.options.maxPages} pages in one slice (maxPages); the API may paginate endlessly (last request: ${describeRequest(request)})`,
      );
    }
    this.seenTokens.set(key, number);
  }
}

/** A stable identity for a token: objects by their content, whatever their key order. */
function tokenKey(token: unknown): string {
  return `${typeof token}:${canonicalJson(token)}`;
}

function describeToken(token: unknown): string {
  const text = typeof token === 'string' && /^https?:\/\//.test(token) ? redactUrl(token) : canonicalJson(token);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function describeRequest(request: PageRequestLine): string {
  return `${request.method} ${redactUrl(request.url)}`;
}
