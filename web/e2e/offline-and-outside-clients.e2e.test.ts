import { createEvent, eventsMap, nowInTimeZone, readEvents } from '@callboard/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { chip, documentTitles as titles, rename } from './support/calendar-page.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { connectNodeClient } from './support/node-client.js';

const server = await startAppServer();

describe.skipIf(!server)('offline editing and outside clients', () => {
  let browser: Browser;
  let alice: Account;
  let bob: Account;
  let calendarId: string;
  let aliceContext: BrowserContext;
  let bobContext: BrowserContext;
  let a: Page;
  let b: Page;
  const consoleErrors: string[] = [];
  const day = `${nowInTimeZone('Europe/London').slice(0, 7)}-15`;
  const url = server?.url ?? '';

  async function openCalendar(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}`);
    await page.getByText('All changes saved').waitFor();
    return page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    [alice, bob] = await Promise.all([
      createAccount(url, 'Alice Archer'),
      createAccount(url, 'Bob Baker'),
    ]);
    ({ calendarId } = await createProduction(url, alice, [{ account: bob, role: 'editor' }]));
    const seed = await connectNodeClient(url, calendarId, alice.token);
    for (const title of ['One', 'Two', 'Three']) {
      createEvent(seed.doc, {
        title,
        kind: 'shoot',
        start: `${day}T08:00`,
        end: `${day}T09:00`,
        allDay: false,
        location: '',
        notes: '',
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    seed.close();
    aliceContext = await signedInContext(browser, url, alice, consoleErrors);
    bobContext = await signedInContext(browser, url, bob, consoleErrors);
    a = await openCalendar(aliceContext);
    b = await openCalendar(bobContext);
    // The service worker must control the page before the network goes away.
    await b.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await b.reload();
    await b.getByText('All changes saved').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('merges edits made offline with edits made meanwhile by someone online', async () => {
    await bobContext.setOffline(true);
    await b.locator('[data-state="offline"]').waitFor();
    await rename(b, 'One', 'One (offline)');
    await rename(b, 'Two', 'Two (offline)');
    await rename(a, 'Three', 'Three (online)');

    await bobContext.setOffline(false);
    const expected = ['One (offline)', 'Three (online)', 'Two (offline)'];
    await eventually(
      async () => JSON.stringify(await titles(a)) === JSON.stringify(expected),
      'Alice to converge',
    );
    await eventually(
      async () => JSON.stringify(await titles(b)) === JSON.stringify(expected),
      'Bob to converge',
    );
    await b.getByText('All changes saved').waitFor();
  });

  it('reopens the calendar from IndexedDB when reloaded with no network', async () => {
    await bobContext.setOffline(true);
    await b.reload();
    await chip(b, 'Three (online)').waitFor();
    await b.locator('[data-state="offline"]').waitFor();
    expect(await titles(b)).toEqual(['One (offline)', 'Three (online)', 'Two (offline)']);
    await bobContext.setOffline(false);
    await b.getByText('All changes saved').waitFor();
  });

  it('shows an event written by a plain y-websocket client, and that client reads the browser’s with exactly the documented fields', async () => {
    const outside = await connectNodeClient(url, calendarId, alice.token);
    createEvent(outside.doc, {
      title: 'Written from Node',
      kind: 'travel',
      start: day,
      end: `${day.slice(0, 8)}16`,
      allDay: true,
      location: 'Airport',
      notes: 'Unit move',
    });
    const shown = await eventually(
      async () => (await chip(a, 'Written from Node').count()) > 0,
      'the Node event in the browser',
    );
    console.log(`event from the Node client shown after ${shown} ms`);

    await a.getByRole('button', { name: `Add event on ${day}` }).click();
    await a.getByLabel('Title').fill('Written in the browser');
    await eventually(
      async () => readEvents(outside.doc).some((e) => e.title === 'Written in the browser'),
      'the browser event in Node',
    );
    const fromBrowser = [...eventsMap(outside.doc).values()].find(
      (map) => map.get('title') === 'Written in the browser',
    )!;
    expect(Object.keys(fromBrowser.toJSON()).sort()).toEqual([
      'allDay',
      'end',
      'kind',
      'location',
      'notes',
      'start',
      'title',
    ]);
    expect(fromBrowser.toJSON()).toMatchObject({
      kind: 'shoot',
      allDay: false,
      start: `${day}T08:00`,
      end: `${day}T18:00`,
    });
    outside.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
