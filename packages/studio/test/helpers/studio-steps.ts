/** Steps the end-to-end tests take the same way: check and discover at a click, a test read of one stream. */
import type { Locator, Page } from 'playwright-core';

/** Opens "Check & discover", waits for a succeeded check, then discovers. */
export async function checkAndDiscover(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Check & discover' }).click();
  await page.getByRole('button', { name: 'Check' }).click();
  await page.getByTestId('connection-status').getByText('Connection succeeded').waitFor();
  await page.getByRole('button', { name: 'Discover' }).click();
}

/** Test-reads `stream` from the discovered streams with a page limit per slice; the run's summary once it succeeded. */
export async function testRead(page: Page, stream: string, pagesPerSlice: number): Promise<Locator> {
  await page.locator(`tr[data-stream="${stream}"]`).getByRole('button', { name: 'Test read' }).click();
  await page.locator('input[name="limit-pages"]').fill(String(pagesPerSlice));
  await page.getByRole('button', { name: 'Read', exact: true }).click();
  const summary = page.getByTestId('run-summary');
  await summary.getByText('Read succeeded').waitFor();
  return summary;
}
