import { nowInTimeZone } from '@callboard/domain';
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRole, createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { chip, documentTitles as titles, rename } from './support/calendar-page.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { seedEvents } from './support/node-client.js';

const server = await startAppServer();

describe.skipIf(!server)('edits that do not reach the shared document', () => {
  let browser: Browser;
  let alice: Account;
  let bob: Account;
  let aliceContext: BrowserContext;
  let bobContext: BrowserContext;
  const consoleErrors: string[] = [];
  const day = `${nowInTimeZone('Europe/London').slice(0, 7)}-15`;
  const url = server?.url ?? '';

  const hasTitles = async (page: Page, expected: string[]) =>
    JSON.stringify(await titles(page)) === JSON.stringify(expected);

  /** A new calendar with Bob as an editor and the given events; Alice owns it. */
  async function production(eventTitles: string[]) {
    const created = await createProduction(url, alice, [{ account: bob, role: 'editor' }]);
    await seedEvents(
      url,
      created.calendarId,
      alice.token,
      eventTitles.map((title) => ({
        title,
        kind: 'shoot',
        start: `${day}T08:00`,
        end: `${day}T09:00`,
      })),
    );
    return created;
  }

  async function openCalendar(page: Page, calendarId: string, eventTitles: string[]) {
    await page.goto(`${url}/calendars/${calendarId}`);
    await page.getByText('All changes saved').waitFor();
    await eventually(() => hasTitles(page, [...eventTitles].sort()), 'the seeded events');
    return page;
  }

  /**
   * Lets the test cut what a page sends on its open /yjs connection, so those frames are still
   * in flight when the server closes it; later connections are not cut.
   */
  async function cuttableUplink(page: Page) {
    let open: WebSocketRoute | null = null;
    let cut: WebSocketRoute | null = null;
    await page.routeWebSocket(/\/yjs\//, (socket) => {
      open = socket;
      const upstream = socket.connectToServer();
      socket.onMessage((message) => {
        if (socket !== cut) upstream.send(message);
      });
    });
    return { cut: () => (cut = open) };
  }

  const notSaved = (page: Page) => page.getByRole('region', { name: 'Changes not saved' });

  beforeAll(async () => {
    browser = await launchChromium();
    [alice, bob] = await Promise.all([
      createAccount(url, 'Alice Archer'),
      createAccount(url, 'Bob Baker'),
    ]);
    aliceContext = await signedInContext(browser, url, alice, consoleErrors);
    bobContext = await signedInContext(browser, url, bob, consoleErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('turns a demoted editor’s tab read-only within 1 s, lists the edit in flight as not saved, and replays nothing once promoted', async () => {
    const seeded = ['Scene 1', 'Scene 2'];
    const { projectId, calendarId } = await production(seeded);
    const a = await openCalendar(await aliceContext.newPage(), calendarId, seeded);
    const bobPage = await bobContext.newPage();
    const uplink = await cuttableUplink(bobPage);
    const b = await openCalendar(bobPage, calendarId, seeded);

    await chip(b, 'Scene 1').click();
    uplink.cut();
    await b.getByLabel('Title').fill('Bob in flight');
    expect(await titles(b)).toContain('Bob in flight');
    await changeRole(url, alice, projectId, bob, 'viewer');
    await eventually(
      async () =>
        (await b.getByText('Your role is now viewer: changes are no longer saved').count()) === 1 &&
        (await b.getByLabel('Title').isDisabled()),
      'the demoted tab to turn read-only',
      1_000,
    );
    await notSaved(b).getByText('Scene 1: title (yours: Bob in flight, kept: Scene 1)').waitFor();
    await eventually(() => hasTitles(b, seeded), 'Bob’s tab to hold the server’s state');

    await changeRole(url, alice, projectId, bob, 'editor');
    await eventually(
      async () => !(await b.getByLabel('Title').isDisabled()),
      'the promoted tab to edit again',
    );
    await b.getByRole('button', { name: 'Close event panel' }).click();
    // Bob's next edit reaching Alice proves anything his tab sent on promotion arrived first.
    await rename(b, 'Scene 2', 'Scene 2 by Bob');
    await eventually(() => hasTitles(a, ['Scene 1', 'Scene 2 by Bob']), 'Bob’s new edit at Alice');

    // Nor does the copy on Bob's device bring the refused edit back.
    await b.reload();
    await b.getByText('All changes saved').waitFor();
    expect(await titles(b)).toEqual(['Scene 1', 'Scene 2 by Bob']);
    await rename(b, 'Scene 2 by Bob', 'Scene 2 again');
    await eventually(() => hasTitles(a, ['Scene 1', 'Scene 2 again']), 'Bob’s later edit at Alice');
  });

  it('lists what an editor demoted while offline changed as not saved, and never sends it', async () => {
    const seeded = ['Scene 3', 'Scene 4'];
    const { projectId, calendarId } = await production(seeded);
    const a = await openCalendar(await aliceContext.newPage(), calendarId, seeded);
    const b = await openCalendar(await bobContext.newPage(), calendarId, seeded);

    await bobContext.setOffline(true);
    await b.locator('[data-state="offline"]').waitFor();
    await rename(b, 'Scene 3', 'Bob offline');
    await changeRole(url, alice, projectId, bob, 'viewer');
    await bobContext.setOffline(false);
    await notSaved(b).getByText('Scene 3: title (yours: Bob offline, kept: Scene 3)').waitFor();
    await b.getByText('View only').waitFor();
    await eventually(() => hasTitles(b, seeded), 'Bob’s tab to hold the server’s state');

    await changeRole(url, alice, projectId, bob, 'editor');
    await eventually(
      async () => (await b.getByText('View only').count()) === 0,
      'the promoted tab to edit again',
    );
    await rename(b, 'Scene 4', 'Scene 4 by Bob');
    await eventually(() => hasTitles(a, ['Scene 3', 'Scene 4 by Bob']), 'Bob’s new edit at Alice');
  });

  it('discards a change the server refused as too large, on this device too, and goes on saving', async () => {
    const seeded = ['Scene 6', 'Scene 7'];
    const { calendarId } = await production(seeded);
    const a = await openCalendar(await aliceContext.newPage(), calendarId, seeded);
    const b = await openCalendar(await bobContext.newPage(), calendarId, seeded);

    // Past the title limit, which the panel would not let through: written to the document.
    await b.evaluate(() => {
      const events = globalThis.callboardDocument!.getMap('events');
      for (const event of events.values()) {
        const map = event as { get(k: string): unknown; set(k: string, v: unknown): void };
        if (map.get('title') === 'Scene 6') map.set('title', 'Too long '.repeat(100));
      }
    });
    await b.getByText('Your last change was refused for being too large').waitFor();
    await notSaved(b)
      .getByText(/^Scene 6: title \(yours: Too long/)
      .waitFor();
    await eventually(() => hasTitles(b, seeded), 'Bob’s tab to hold the server’s state');

    await rename(b, 'Scene 7', 'Scene 7 by Bob');
    await eventually(() => hasTitles(a, ['Scene 6', 'Scene 7 by Bob']), 'Bob’s next edit at Alice');
    await b.reload();
    await b.getByText('All changes saved').waitFor();
    expect(await titles(b)).toEqual(['Scene 6', 'Scene 7 by Bob']);
  });

  it('lists an offline edit the merge outvoted, and re-applies it with one click', async () => {
    const seeded = ['Scene 5'];
    const { calendarId } = await production(seeded);
    const a = await openCalendar(await aliceContext.newPage(), calendarId, seeded);
    const b = await openCalendar(await bobContext.newPage(), calendarId, seeded);

    await bobContext.setOffline(true);
    await b.locator('[data-state="offline"]').waitFor();
    await rename(b, 'Scene 5', 'Bob’s title');
    // Yjs gives concurrent values of one field to the higher client id: make that Alice's.
    await a.evaluate(() => (globalThis.callboardDocument!.clientID = 2 ** 32 - 1));
    await rename(a, 'Scene 5', 'Alice’s title');
    await bobContext.setOffline(false);

    const lost = b.getByRole('region', { name: 'Offline changes that lost' });
    await lost
      .getByText('Alice’s title: title (yours: Bob’s title, kept: Alice’s title)')
      .waitFor();
    await lost.getByRole('button', { name: 'Re-apply mine' }).click();
    await eventually(() => hasTitles(a, ['Bob’s title']), 'Bob’s value re-applied at Alice');
    await eventually(async () => (await lost.count()) === 0, 'the notice to go');
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
