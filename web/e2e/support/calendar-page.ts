import type { Page } from 'playwright-core';

/** An event's chip in whichever calendar view is open. */
export const chip = (page: Page, title: string) =>
  page.locator('[data-event-id]', { hasText: title });

/** The titles in the page's open document, sorted: what the tab holds, saved or not. */
export const documentTitles = (page: Page) =>
  page.evaluate(() =>
    [...globalThis.callboardDocument!.getMap('events').values()]
      // A title is a string or a Y.Text (docs/document-schema.md); toJSON reads both.
      .map((e) => (e as { toJSON(): { title: string } }).toJSON().title)
      .sort(),
  );

/** Renames an event through its panel, as a user would. */
export async function rename(page: Page, from: string, to: string): Promise<void> {
  await chip(page, from).first().click();
  await page.getByLabel('Title').fill(to);
  await page.getByRole('button', { name: 'Close event panel' }).click();
}
