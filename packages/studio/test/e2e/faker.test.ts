/**
 * Studio in a real browser against source-faker: the config form (with the CDK's validation
 * message at its field), check, discover, a sliced incremental test read with its state after
 * each slice, the next sync from the final state, and a table of 5,000 records that stays small
 * in the page (only the rows in view exist).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Browser, browserMissing } from '../helpers/browser.js';
import { ConnectorCopy } from '../helpers/connector-copy.js';
import { StudioProcess } from '../helpers/studio-process.js';
import { checkAndDiscover } from '../helpers/studio-steps.js';

describe('Studio in Chromium: source-faker', { skip: browserMissing() }, () => {
  let copy: ConnectorCopy;
  let studio: StudioProcess;
  let browser: Browser;

  before(async () => {
    copy = ConnectorCopy.of('source-faker');
    studio = await StudioProcess.start(copy.path);
    browser = await Browser.launch();
    await browser.page.goto(studio.url);
  });
  after(async () => {
    await browser?.close();
    await studio?.stop();
    copy?.remove();
  });

  test('the config form: defaults filled in, a bad value named at its field, saved to secrets/config.json', async () => {
    const { page } = browser;
    await page.getByLabel('Count').waitFor();
    assert.equal(await page.getByLabel('Count').inputValue(), '1000', 'the spec default');
    await page.getByLabel('Count').fill('0');
    const field = page.locator('[data-field="count"]');
    await field.getByText('config.count must be >= 1').waitFor();
    await page.getByLabel('Count').fill('300');
    await page.getByLabel('Seed').fill('7');
    await page.getByLabel('Records per slice').fill('100');
    await field.getByText('config.count must be >= 1').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved to secrets/config.json').waitFor();
    assert.deepEqual(copy.readJson('secrets/config.json'), { count: 300, seed: 7, records_per_slice: 100 });
    await browser.screenshot('config-form');
  });

  test('check and discover at a click', async () => {
    const { page } = browser;
    await checkAndDiscover(page);
    const streams = page.getByRole('table', { name: 'streams' });
    await streams.locator('tr[data-stream="purchases"]').waitFor();
    assert.match((await streams.locator('tr[data-stream="users"]').textContent()) ?? '', /full_refresh, incremental\s*id\s*updated_at/);
    assert.match((await streams.locator('tr[data-stream="products"]').textContent()) ?? '', /full_refresh\s*id\s*—/);
    await browser.screenshot('check-and-discover');
  });

  test('a sliced incremental read: records by slice, the state after each slice, the next sync from the final state', async () => {
    const { page } = browser;
    await page.locator('tr[data-stream="purchases"]').getByRole('button', { name: 'Test read' }).click();
    assert.equal(await page.locator('select[name="sync-mode"]').inputValue(), 'incremental');
    await page.getByRole('button', { name: 'Read', exact: true }).click();
    const summary = page.getByTestId('run-summary');
    await summary.getByText('Read succeeded').waitFor();
    assert.match((await summary.textContent()) ?? '', /purchases \(incremental\) · 300 records · 3 slices/);
    const slices = page.getByRole('navigation', { name: 'slices' });
    assert.equal(await slices.locator('.slice').count(), 3);
    await slices.getByRole('button', { name: /Slice 1/ }).click();
    await page.getByRole('tab', { name: /State/ }).click();
    const state = JSON.parse((await page.locator('.state-json').textContent()) ?? '') as Record<string, unknown>;
    assert.ok(Object.keys(state).length > 0, 'a state after the slice');
    await page.getByRole('tab', { name: /Records/ }).click();
    assert.equal(await page.getByTestId('records').getAttribute('data-rowcount'), '100');
    await browser.screenshot('test-read-slices');
    const finalState = (await page.getByTestId('final-state').textContent()) ?? '';
    assert.match(finalState, /"purchases"/);
    await page.getByRole('button', { name: 'Next sync from final state' }).click();
    await summary.getByText('from a state').waitFor();
    assert.match((await summary.textContent()) ?? '', /· 0 records ·/);
  });

  test('5,000 records: the table keeps only the rows in view in the page, and scrolls to the last one', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Config' }).click();
    await page.getByLabel('Count').fill('5000');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved to secrets/config.json').waitFor();
    await page.getByRole('tab', { name: 'Test read' }).click();
    await page.locator('select[name="stream"]').selectOption('users');
    await page.locator('select[name="sync-mode"]').selectOption('full_refresh');
    await page.locator('input[name="limit-records"]').fill('5000');
    await page.getByRole('button', { name: 'Read', exact: true }).click();
    await page.getByTestId('run-summary').getByText('5000 records').waitFor();
    const table = page.getByTestId('records');
    assert.equal(await table.getAttribute('data-rowcount'), '5000');
    const rows = await table.locator('.records-row:not(.records-header)').count();
    assert.ok(rows < 100, `${rows} rows in the page for 5,000 records`);
    await table.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await table.getByText('5000', { exact: true }).first().waitFor();
    // A nested value opens as a tree.
    await table.locator('button.nested').first().click();
    await page.locator('.record-detail').getByText('address').first().waitFor();
    assert.deepEqual(browser.pageErrors, []);
  });
});
