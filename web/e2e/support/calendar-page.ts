import type { Page } from 'playwright-core';

/** An event's chip in whichever calendar view is open. */
export const chip = (page: Page, title: string) =>
  page.locator('[data-event-id]', { hasText: title });

/** The titles in the page's open document, sorted: what the tab holds, saved or not. */
export const documentTitles = (page: Page) =>
  page.evaluate(() =>
    [...globalThis.callboardDocument!.getMap('events').values()]
      .map((e) => (e as { get(k: string): unknown }).get('title'))
      .sort(),
  );

/** Renames an event through its panel, as a user would. */
export async function rename(page: Page, from: string, to: string): Promise<void> {
  await chip(page, from).first().click();
  await page.getByLabel('Title').fill(to);
  await page.getByRole('button', { name: 'Close event panel' }).click();
}
