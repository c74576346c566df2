import type { HttpResponse } from '../../../http/http-response.js';
import { redactUrl } from '../../../http/redact-url.js';
import { describeKeyPath, type KeyPath, valueAtKeyPath } from '../../../json/key-path.js';
import { cursorText } from './cursor-paginator.js';
import { type LinkFollowingOptions, LinkFollowingPaginator } from './link-following-paginator.js';

/** Pages whose body holds the URL of the next page. */
export interface NextUrlPaginatorOptions extends LinkFollowingOptions {
  /** Where the body holds the next page's URL, e.g. `next` or `links.next` (relative URLs are resolved). */
  nextUrlPath: KeyPath;
}

/** Follows a next-page URL found in the body (`{"next": "https://api/items?page=2"}`), requested as it is. */
export class NextUrlPaginator extends LinkFollowingPaginator {
  private readonly nextUrlPath: KeyPath;

  constructor(options: NextUrlPaginatorOptions) {
    super(options);
    this.nextUrlPath = options.nextUrlPath;
  }

  protected async nextLink(response: HttpResponse): Promise<string | undefined> {
    const where = `'${describeKeyPath(this.nextUrlPath)}' of ${redactUrl(response.url)}`;
    return cursorText(valueAtKeyPath(await response.json(), this.nextUrlPath), where);
  }
}
