import type { Locator, Page } from 'playwright-core';
import { decodeStateVector, encodeStateVector, type Doc } from 'yjs';
import { eventually } from './browser.js';
import { connectNodeClient } from './node-client.js';

/** A strip on the board, by id. */
export const strip = (page: Page, id: string): Locator => page.locator(`[data-strip-id="${id}"]`);

/** The ids of the strips a day (or, for '', the pool) shows, top to bottom. */
export const shownOn = (page: Page, dayId: string): Promise<string[]> =>
  page
    .locator(`[data-drop-list="${dayId}"] [data-strip-id]`)
    .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.stripId!));

/** Whether `page` shows exactly these strips on each day named. */
export async function showsLayout(page: Page, layout: Record<string, string[]>): Promise<boolean> {
  for (const [dayId, ids] of Object.entries(layout))
    if ((await shownOn(page, dayId)).join() !== ids.join()) return false;
  return true;
}

/** Where the tab's open document puts a strip: its `dayId`, whatever the board shows. */
export const documentDayOf = (page: Page, id: string): Promise<unknown> =>
  page.evaluate(
    (stripId) =>
      (
        globalThis.callboardDocument!.getMap('strips').get(stripId) as
          { get(key: string): unknown } | undefined
      )?.get('dayId'),
    id,
  );

/** Writes to a calendar as an outside client would, and waits until the server holds it all. */
export async function writeAsOutsideClient(
  baseUrl: string,
  calendarId: string,
  token: string,
  write: (doc: Doc) => void,
): Promise<void> {
  const writer = await connectNodeClient(baseUrl, calendarId, token);
  write(writer.doc);
  const reader = await connectNodeClient(baseUrl, calendarId, token);
  const wanted = decodeStateVector(encodeStateVector(writer.doc));
  const holdsAll = () => {
    const held = decodeStateVector(encodeStateVector(reader.doc));
    return [...wanted].every(([client, clock]) => (held.get(client) ?? 0) >= clock);
  };
  await eventually(async () => holdsAll(), 'the outside write on the server');
  writer.close();
  reader.close();
}
