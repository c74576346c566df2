/**
 * Debian's Chromium, headless, driven by playwright-core (no browser download): a fresh profile
 * per launch, no network of its own (no background requests, no QUIC). Screenshots of the main
 * views go to docs/images/studio/ when TRIBUTARY_SCREENSHOTS is set (`npm run screenshots`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@tributary/test-support/run-cli';
import { TempDir } from '@tributary/test-support/temp-dir';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.TRIBUTARY_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(REPO_ROOT, 'docs/images/studio');

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set TRIBUTARY_CHROMIUM)`;
}

export class Browser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: TempDir,
    readonly page: Page,
    /** Errors the page threw or logged: a test fails on any. */
    readonly pageErrors: string[],
  ) {}

  static async launch(): Promise<Browser> {
    const profile = TempDir.createSync('studio-chromium-');
    const context = await chromium.launchPersistentContext(profile.path, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1440, height: 960 },
      deviceScaleFactor: 1,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.setDefaultTimeout(60_000);
    return new Browser(context, profile, page, pageErrors);
  }

  /** Saves a screenshot of the page as docs/images/studio/<name>.png when screenshots are asked for. */
  async screenshot(name: string): Promise<void> {
    if (!process.env.TRIBUTARY_SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
  }

  async close(): Promise<void> {
    await this.context.close();
    this.profile.removeSync();
  }
}
