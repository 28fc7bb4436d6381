import { randomUUID } from 'node:crypto';
import { BANNER_FIELDS, isOrderKey, SCENE_FIELDS, STRIP_CAST_KEY } from '@callboard/domain';
import { generateNKeysBetween } from 'fractional-indexing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { strip, writeAsOutsideClient } from './support/board-page.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { connectNodeClient } from './support/node-client.js';

const server = await startAppServer();

/** A Y.Map holding exactly these keys, as a client that knows only the document schema writes. */
function mapOf(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

describe.skipIf(!server)('the stripboard and an outside client (docs/document-schema.md)', () => {
  let browser: Browser;
  let alice: Account;
  let calendarId: string;
  let page: Page;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const dayId = randomUUID();
  const castId = randomUUID();
  const sceneId = randomUUID();
  const bannerId = randomUUID();

  beforeAll(async () => {
    browser = await launchChromium();
    alice = await createAccount(url, 'Alice Archer');
    ({ calendarId } = await createProduction(url, alice, []));
    const context = await signedInContext(browser, url, alice, consoleErrors);
    page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}/board`);
    await page.getByText('All changes saved').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the shoot day, scene, banner and cast a plain y-websocket client writes', async () => {
    await writeAsOutsideClient(url, calendarId, alice.token, (doc) =>
      doc.transact(() => {
        doc.getMap('events').set(
          dayId,
          mapOf({
            title: 'Shoot day (Main)',
            kind: 'shoot',
            start: '2026-12-07',
            end: '2026-12-08',
            allDay: true,
            location: 'Fish Quay',
            notes: '',
            unit: 'Main',
            crewCall: '07:00',
            shootingCall: '08:00',
            estWrap: '',
          }),
        );
        doc
          .getMap('cast')
          .set(castId, mapOf({ number: '1', name: 'Ann Lee', character: 'Maggie' }));
        const [first, second] = generateNKeysBetween(null, null, 2);
        const scene = mapOf({
          kind: 'scene',
          scene: '14A',
          intExt: 'EXT',
          dayNight: 'NIGHT',
          set: 'HARBOUR WALL',
          location: 'Fish Quay',
          synopsis: 'Maggie finds the logbook',
          eighths: 11,
          estMinutes: 90,
          scriptPage: '22',
          dayId,
          order: first,
        });
        scene.set('cast', mapOf({ [castId]: true }));
        doc.getMap('strips').set(sceneId, scene);
        doc
          .getMap('strips')
          .set(
            bannerId,
            mapOf({ kind: 'banner', text: 'Lunch: 1 hour', estMinutes: 60, dayId, order: second }),
          );
      }),
    );

    const day = page.locator(`[data-day-id="${dayId}"]`);
    await day.getByRole('heading', { name: 'Day 1 of 1 Mon 7 Dec Main' }).waitFor();
    for (const total of ['1 3/8 pages, 1 scene', '2 h 30 min', 'Call 07:00', 'Shoot 08:00'])
      await day.getByText(total, { exact: true }).waitFor();
    const scene = strip(page, sceneId);
    await expect(scene.getAttribute('data-slot')).resolves.toBe('EXT NIGHT');
    const words = async (row: Locator) => (await row.innerText()).split(/\s*\n\s*/);
    // The words shown, with the ones only a screen reader hears (Scene, pages, cast).
    expect(await words(scene)).toEqual([
      '⠿',
      'Scene',
      '14A',
      'EXT',
      'HARBOUR WALL',
      'NIGHT',
      '1 3/8',
      'pages',
      'cast',
      '1',
      'Maggie finds the logbook',
    ]);
    expect(await words(strip(page, bannerId))).toEqual(['⠿', 'Banner:', 'Lunch: 1 hour', '1 h']);
    // A screen reader hears every word the strip shows, in a sentence.
    const named = 'Scene 14A EXT HARBOUR WALL NIGHT 1 3/8 pages cast 1 Maggie finds the logbook';
    await expect(page.getByRole('option', { name: named, exact: true }).count()).resolves.toBe(1);
  });

  it('gives an outside client exactly the documented fields of strips made in the browser', async () => {
    const day = page.locator(`[data-day-id="${dayId}"]`);
    await day.getByRole('button', { name: 'Add scene' }).click();
    const sheet = page.getByRole('dialog', { name: 'Strip details' });
    const sceneNumber = sheet.getByLabel('Scene', { exact: true });
    await expect(sceneNumber.evaluate((input) => input === document.activeElement)).resolves.toBe(
      true,
    );
    await sceneNumber.fill('15');
    await sheet.getByLabel('INT/EXT').selectOption('INT/EXT');
    await sheet.getByLabel('DAY/NIGHT').selectOption('DUSK');
    await sheet.getByLabel('Set', { exact: true }).fill('QUAYSIDE');
    await sheet.getByLabel('Location').fill('Fish Quay');
    await sheet.getByLabel('Synopsis').fill('Maggie waits for the tide');
    await sheet.getByLabel('Pages').fill('2 1/8');
    await sheet.getByLabel('Script page').fill('23');
    await sheet.getByLabel('Estimated minutes').fill('45');
    await sheet.getByLabel('Estimated minutes').press('Tab');
    await sheet.getByLabel(/Maggie/).check();
    await sheet.getByRole('button', { name: 'Close strip panel' }).click();

    await day.getByRole('button', { name: 'Add banner' }).click();
    await sheet.getByLabel('Banner text').fill('Company move to the pier');
    await sheet.getByLabel('Estimated minutes').fill('30');
    await sheet.getByLabel('Estimated minutes').press('Tab');
    await sheet.getByRole('button', { name: 'Close strip panel' }).click();

    const client = await connectNodeClient(url, calendarId, alice.token);
    const strips = client.doc.getMap<Y.Map<unknown>>('strips');
    const find = (kind: string) =>
      [...strips.entries()].find(
        ([id, map]) => id !== sceneId && id !== bannerId && map.get('kind') === kind,
      );
    await eventually(
      async () =>
        find('scene')?.[1].get('estMinutes') === 45 && find('banner')?.[1].get('estMinutes') === 30,
      'both strips, finished, on the server',
    );
    const [, scene] = find('scene')!;
    const { order: sceneOrder, ...sceneFields } = scene.toJSON();
    expect(Object.keys(scene.toJSON()).sort()).toEqual([...SCENE_FIELDS, STRIP_CAST_KEY].sort());
    expect(sceneFields).toEqual({
      kind: 'scene',
      scene: '15',
      intExt: 'INT/EXT',
      dayNight: 'DUSK',
      set: 'QUAYSIDE',
      location: 'Fish Quay',
      synopsis: 'Maggie waits for the tide',
      eighths: 17,
      estMinutes: 45,
      scriptPage: '23',
      dayId,
      cast: { [castId]: true },
    });
    expect(isOrderKey(sceneOrder)).toBe(true);
    // Typed text arrives as a Y.Text (docs/document-schema.md, "Text fields").
    expect(scene.get('synopsis')).toBeInstanceOf(Y.Text);

    const [, banner] = find('banner')!;
    expect(Object.keys(banner.toJSON()).sort()).toEqual([...BANNER_FIELDS].sort());
    expect(banner.toJSON()).toMatchObject({
      kind: 'banner',
      text: 'Company move to the pier',
      estMinutes: 30,
      dayId,
    });
    client.close();
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
