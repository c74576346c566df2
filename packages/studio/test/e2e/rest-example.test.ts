/**
 * Studio in a real browser against source-rest-example and a real json-server: the config form
 * (the API key a password, never shown again once saved), check, discover, a paginated
 * incremental read (Link headers) page by page with each request (key masked) and response, the
 * state, the next sync from the final state, a page replayed alone, a schema mismatch found at
 * its field and fixed by writing the proposed schema, and a rebuilt dist/ read again at once,
 * with its error's stack trace at the TypeScript line.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { JsonServerApi, makeDb } from '../../../../connectors/source-rest-example/test/json-server.js';
import { Browser, browserMissing } from '../helpers/browser.js';
import { buildCopy, ConnectorCopy } from '../helpers/connector-copy.js';
import { StudioProcess } from '../helpers/studio-process.js';
import { checkAndDiscover, testRead } from '../helpers/studio-steps.js';

const API_KEY = 'rest-key-8f3a9c2e71';

describe('Studio in Chromium: source-rest-example on json-server', { skip: browserMissing() }, () => {
  let api: JsonServerApi;
  let copy: ConnectorCopy;
  let studio: StudioProcess;
  let browser: Browser;

  before(async () => {
    api = await JsonServerApi.start(makeDb(), API_KEY);
    copy = ConnectorCopy.of('source-rest-example');
    // A schema that is wrong about one field: the title is a string.
    const schema = copy.readJson<{ properties: Record<string, unknown> }>('schemas/posts.json');
    schema.properties.title = { type: 'integer' };
    copy.writeJson('schemas/posts.json', schema);
    studio = await StudioProcess.start(copy.path);
    browser = await Browser.launch();
    await browser.page.goto(studio.url);
  });
  after(async () => {
    await browser?.close();
    await studio?.stop();
    await api?.close();
    copy?.remove();
  });

  test('the config form: a required URL, the API key as a password field, hidden once saved', async () => {
    const { page } = browser;
    await page.getByLabel('Base URL').fill(api.url);
    assert.equal(await page.getByLabel('API key').getAttribute('type'), 'password');
    await page.getByLabel('API key').fill(API_KEY);
    await page.getByLabel('Page size').fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').getByText('Saved to secrets/config.json').waitFor();
    await page.reload();
    await page.getByLabel('API key').waitFor();
    assert.equal(await page.getByLabel('API key').inputValue(), '');
    assert.match((await page.getByLabel('API key').getAttribute('placeholder')) ?? '', /saved \(hidden\)/);
    assert.ok(!(await page.content()).includes(API_KEY), 'the key is nowhere in the page');
    await page.getByRole('button', { name: 'JSON' }).click();
    assert.match(await page.locator('#raw-config').inputValue(), /"api_key": "<secret saved>"/);
    await browser.screenshot('config-secret-hidden');
  });

  test('check, discover, and a paginated incremental read page by page', async () => {
    const { page } = browser;
    await checkAndDiscover(page);
    const summary = await testRead(page, 'posts', 10);
    assert.match((await summary.textContent()) ?? '', /posts \(incremental\) · 23 records · 1 slices · 5 requests/);
    const slices = page.getByRole('navigation', { name: 'slices' });
    assert.deepEqual(await slices.locator('.page-link').allTextContents(), [
      'Page 1 5 records',
      'Page 2 5 records',
      'Page 3 5 records',
      'Page 4 5 records',
      'Page 5 3 records',
    ]);
    await slices.getByRole('button', { name: /Page 2/ }).click();
    await page.getByRole('tab', { name: 'Request & response' }).click();
    const exchange = page.locator('.exchange');
    assert.match((await exchange.locator('.request-line').textContent()) ?? '', /GET http:\/\/127\.0\.0\.1:\d+\/posts\?_page=2&/);
    await exchange.getByText('Request headers (').click();
    assert.match((await exchange.locator('.headers').first().textContent()) ?? '', /x-api-key\*\*\*\*/);
    assert.match((await exchange.locator('.response-status').textContent()) ?? '', /Response 200/);
    assert.match((await exchange.locator('.body-text').last().textContent()) ?? '', /^\[\n {2}\{\n {4}"id": /);
    assert.ok(!(await page.content()).includes(API_KEY));
    await browser.screenshot('test-read-request');
    await page.getByRole('tab', { name: /Records/ }).click();
    assert.equal(await page.getByTestId('records').getAttribute('data-rowcount'), '5');
    await page.getByRole('tab', { name: /State/ }).click();
    assert.match((await page.locator('.state-json').textContent()) ?? '', /"updatedAt": "2024-03-01T22:00:00.000Z"/);
    await browser.screenshot('test-read-state');
  });

  test('the next sync reads from the final state; a page is replayed alone', async () => {
    const { page } = browser;
    const summary = page.getByTestId('run-summary');
    await page.getByRole('button', { name: 'Next sync from final state' }).click();
    await summary.getByText('from a state').waitFor();
    // json-server's _gte is inclusive: the newest post again, nothing older.
    assert.match((await summary.textContent()) ?? '', /· 1 records ·/);
    await page.getByRole('button', { name: 'Read', exact: true }).click();
    await summary.getByText(/23 records/).waitFor();
    await page
      .getByRole('navigation', { name: 'slices' })
      .getByRole('button', { name: /Page 3/ })
      .click();
    await page.getByRole('button', { name: 'Replay page' }).click();
    await summary.getByText('replay of slice 0, page 3').waitFor();
    assert.match((await summary.textContent()) ?? '', /· 15 records · 1 slices · 3 requests/);
  });

  test('a schema mismatch shown at its field, fixed by writing the proposed schema', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Schema' }).click();
    const verdict = page.getByTestId('schema-verdict');
    await verdict.getByText('15 of 15 records do not match the declared schema.').waitFor();
    const mismatches = page.getByRole('table', { name: 'schema mismatches' });
    assert.match((await mismatches.textContent()) ?? '', /\/title\s*must be integer\s*15/);
    await browser.screenshot('schema-mismatch');
    await page.getByRole('button', { name: 'Write schemas/posts.json' }).click();
    await verdict.getByText('All 23 records match the declared schema.').waitFor();
    const written = JSON.parse(readFileSync(copy.file('schemas/posts.json'), 'utf8')) as { properties: { title: { type: unknown } } };
    assert.deepEqual(written.properties.title.type, ['null', 'string']);
  });

  test('a rebuilt dist/ is read again at once; its error shows the TypeScript line', async () => {
    const { page } = browser;
    const source = copy.file('src/streams/posts.ts');
    const original = readFileSync(source, 'utf8');
    const broken = original.replace(
      'requestParams(options: HttpRequestOptions) {\n',
      "requestParams(options: HttpRequestOptions) {\n    if (options.nextPageToken !== undefined) throw new Error('page two is refused on purpose');\n",
    );
    assert.notEqual(broken, original);
    writeFileSync(source, broken);
    const line = broken.split('\n').findIndex((text) => text.includes('page two is refused')) + 1;
    buildCopy(copy);
    await page.locator('.banner').getByText('dist/ changed').waitFor();
    await page.getByRole('tab', { name: 'Test read' }).click();
    const summary = page.getByTestId('run-summary');
    await summary.getByText('Read failed').waitFor();
    const error = page.locator('.error').first();
    assert.match((await error.textContent()) ?? '', /system_error.*page two is refused on purpose/);
    await error.getByText('Stack trace').click();
    const frame = error.getByRole('button', { name: new RegExp(`^src/streams/posts\\.ts:${line}:`) });
    await frame.first().click();
    const current = error.locator('.source-line.current');
    await current.waitFor();
    assert.match((await current.textContent()) ?? '', new RegExp(`^${line}\\s*if \\(options.nextPageToken !== undefined\\) throw`));
    await browser.screenshot('stack-trace');
    assert.deepEqual(browser.pageErrors, []);
  });
});
