/**
 * Studio in a real browser on a corpus manifest (source-beamer, from the declarative corpus, with
 * a mock of its API on a port of its own): the YAML editor (CodeMirror), the config form from the
 * manifest's spec, check, discover, a paginated incremental test read, a deliberate error shown
 * at its line as you type, previews of the template under the cursor, and a change saved with
 * Mod-S to the file and read again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { TempDir } from '@tributary/test-support/temp-dir';
import { BeamerApi } from '../helpers/beamer-api.js';
import { Browser, browserMissing } from '../helpers/browser.js';
import { StudioProcess } from '../helpers/studio-process.js';
import { checkAndDiscover, testRead } from '../helpers/studio-steps.js';

const TOKEN = 'beamer-token-5d41402abc';

describe('Studio in Chromium: a corpus manifest (source-beamer)', { skip: browserMissing() }, () => {
  let api: BeamerApi;
  let dir: TempDir;
  let manifest: string;
  let studio: StudioProcess;
  let browser: Browser;

  before(async () => {
    api = await BeamerApi.start(TOKEN);
    dir = TempDir.createSync('studio-beamer-');
    manifest = api.writeManifest(dir.path);
    studio = await StudioProcess.start(manifest);
    browser = await Browser.launch();
    await browser.page.goto(studio.url);
  });
  after(async () => {
    await browser?.close();
    await studio?.stop();
    await api?.close();
    dir?.removeSync();
  });

  /** The 1-based line of the manifest file holding `text`. */
  const lineOf = (text: string) =>
    readFileSync(manifest, 'utf8')
      .split('\n')
      .findIndex((line) => line.includes(text)) + 1;

  /** Puts the cursor at the end of line `line` as a user does with the keyboard (the editor shows only the lines in view). */
  const cursorToEndOf = async (line: number) => {
    const { page } = browser;
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    for (let at = 1; at < line; at++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
  };

  test('the manifest opens in the editor, valid; the config form comes from its spec', async () => {
    const { page } = browser;
    await page.locator('.cm-editor .cm-content').waitFor();
    await page.getByText('The manifest is valid.').waitFor();
    await page.getByRole('tab', { name: 'Config' }).click();
    assert.equal(await page.getByLabel('API Key').getAttribute('type'), 'password');
    await page.getByLabel('API Key').fill(TOKEN);
    await page.getByLabel('Start date').fill('2024-06-01T00:00:00Z');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved to secrets/config.json').waitFor();
  });

  test('check, discover and a paginated incremental read, page by page', async () => {
    const { page } = browser;
    await checkAndDiscover(page);
    assert.match((await page.locator('tr[data-stream="nps"]').textContent()) ?? '', /full_refresh, incremental\s*id\s*date/);
    const summary = await testRead(page, 'nps', 10);
    assert.match((await summary.textContent()) ?? '', /nps \(incremental\) · 250 records · 1 slices · 3 requests/);
    const slices = page.getByRole('navigation', { name: 'slices' });
    assert.deepEqual(await slices.locator('.page-link').allTextContents(), [
      'Page 1 100 records',
      'Page 2 100 records',
      'Page 3 50 records',
    ]);
    assert.match((await slices.locator('.slice-head').textContent()) ?? '', /"cursor_slice":\{"start_time":"2024-06-01T00:00:00Z"/);
    await slices.getByRole('button', { name: /Page 2/ }).click();
    await page.getByRole('tab', { name: 'Request & response' }).click();
    assert.match(
      (await page.locator('.request-line').textContent()) ?? '',
      /nps\?page=1&maxResults=100&dateFrom=2024-06-01T00%3A00%3A00Z&dateTo=/,
    );
    await page.getByText('Request headers (').click();
    assert.match((await page.locator('.headers').first().textContent()) ?? '', /authorization\*\*\*\*/);
    await page.getByRole('tab', { name: /State/ }).click();
    assert.match((await page.locator('.state-json').textContent()) ?? '', /"date": "2024-06-11T09:00:00Z"/);
    await browser.screenshot('manifest-test-read');
    await page.getByRole('button', { name: 'Next sync from final state' }).click();
    await summary.getByText('from a state').waitFor();
    assert.match((await summary.textContent()) ?? '', /· 1 records ·/);
    assert.ok(api.requests.at(-1)?.includes('dateFrom=2024-06-11T09%3A00%3A00Z'));
  });

  test('a deliberate error shows at its line as you type; undo clears it', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Manifest' }).click();
    const line = lineOf('type: PageIncrement');
    await cursorToEndOf(line);
    await page.keyboard.type('s');
    const problems = page.locator('.manifest-problems');
    await problems.waitFor();
    assert.match((await problems.textContent()) ?? '', new RegExp(`line ${line}:\\d+.*pagination_strategy`));
    const marked = page.locator('.cm-line').filter({ has: page.locator('.cm-lintRange-error') });
    await marked.first().waitFor();
    assert.match((await marked.first().textContent()) ?? '', /type: PageIncrements/);
    assert.equal(await page.locator('.cm-gutterElement .cm-lint-marker-error').count(), 1);
    await browser.screenshot('manifest-error');
    await page.keyboard.press('Control+z');
    await page.getByText('The manifest is valid.').waitFor();
    assert.match(readFileSync(manifest, 'utf8'), /type: PageIncrement\n/, 'nothing saved yet');
  });

  test('the template under the cursor is evaluated in the context of the latest read; secrets masked', async () => {
    const { page } = browser;
    await cursorToEndOf(lineOf('{{ config["start_date"] }}'));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const preview = page.getByTestId('template-preview');
    await preview.locator('.template-value').waitFor();
    assert.equal(await preview.locator('.template-value').textContent(), "'2024-06-01T00:00:00Z'");
    assert.match((await preview.textContent()) ?? '', /definitions › streams › nps › incremental_sync › start_datetime › datetime/);
    await browser.screenshot('manifest-preview');
    await cursorToEndOf(lineOf('{{ config["api_key"] }}'));
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await preview.getByText("'****'").waitFor();
    assert.ok(!(await page.content()).includes(TOKEN));
  });

  test('Mod-S saves the edit to the file and reads again', async () => {
    const { page } = browser;
    await cursorToEndOf(lineOf('page_size: 100'));
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('50');
    await page.keyboard.press('Control+s');
    await page.getByRole('status').getByText(/Saved/).waitFor();
    assert.match(readFileSync(manifest, 'utf8'), /page_size: 50\n/);
    await page.getByRole('tab', { name: 'Test read' }).click();
    await page
      .getByTestId('run-summary')
      .getByText(/250 records · 1 slices · 6 requests/)
      .waitFor();
    assert.deepEqual(browser.pageErrors, []);
  });
});
