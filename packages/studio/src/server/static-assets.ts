/**
 * The page and its assets, shipped in the package (`dist/page/`, built by `npm run build`): read
 * once at start into a table of exact names, so a request can only ever get one of these files
 * (no path is joined from a request, so nothing outside the folder can be named).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

export interface Asset {
  type: string;
  body: Buffer;
}

export class StaticAssets {
  private constructor(
    private readonly files: ReadonlyMap<string, Asset>,
    private readonly indexTemplate: string,
  ) {}

  /** Reads `dir` (the built page: `index.html` and `assets/`). */
  static load(dir: string): StaticAssets {
    const files = new Map<string, Asset>();
    const assets = join(dir, 'assets');
    for (const name of readdirSync(assets, { recursive: true, encoding: 'utf8' })) {
      const type = TYPES[extname(name)];
      if (type === undefined) continue;
      files.set(`/assets/${relative(assets, join(assets, name)).split('\\').join('/')}`, { type, body: readFileSync(join(assets, name)) });
    }
    return new StaticAssets(files, readFileSync(join(dir, 'index.html'), 'utf8'));
  }

  /** The asset at exactly this URL path, if there is one. */
  asset(path: string): Asset | undefined {
    return this.files.get(path);
  }

  /** The page, with the run's token (the page's API calls send it) and the project's name. */
  page(token: string, title: string): string {
    return this.indexTemplate.replace('%STUDIO_TOKEN%', escapeHtml(token)).replace('%STUDIO_TITLE%', escapeHtml(title));
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
