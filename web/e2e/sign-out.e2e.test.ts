import { nowInTimeZone } from '@callboard/domain';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { seedEvents } from './support/node-client.js';

const server = await startAppServer();

/** What the app keeps on the device: IndexedDB databases and localStorage keys it named. */
function deviceCopies(page: Page) {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.startsWith('callboard:')),
    keys: Object.keys(localStorage).filter((k) => k.startsWith('callboard:')),
  }));
}

describe.skipIf(!server)('signing out on a shared device', () => {
  let browser: Browser;
  let owner: Account;
  let ownerCalendar: string;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const day = `${nowInTimeZone('Europe/London').slice(0, 7)}-15`;

  async function seededCalendar(account: Account): Promise<string> {
    const { calendarId } = await createProduction(url, account, []);
    await seedEvents(url, calendarId, account.token, [
      { title: 'Recce', kind: 'prep', start: `${day}T08:00`, end: `${day}T09:00` },
    ]);
    return calendarId;
  }

  async function openCalendar(context: BrowserContext, calendarId: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}`);
    await page.getByText('All changes saved').waitFor();
    await eventually(
      async () => (await deviceCopies(page)).databases.includes(`callboard:${calendarId}`),
      'the offline copy',
    );
    return page;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    owner = await createAccount(url, 'Sam Shared');
    ownerCalendar = await seededCalendar(owner);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs out at once when every edit reached the server, and deletes the offline copies', async () => {
    const context = await signedInContext(browser, url, owner, consoleErrors);
    const page = await openCalendar(context, ownerCalendar);
    await page.getByRole('link', { name: 'Project' }).click();
    await page.getByRole('link', { name: 'Callboard' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect(await deviceCopies(page)).toEqual({ databases: [], keys: [] });
    await context.close();
  });

  it('names calendars with unconfirmed edits, keeps everything on cancel or offline, then deletes on confirm', async () => {
    const account = await createAccount(url, 'Sam Again');
    const calendarId = await seededCalendar(account);
    // Offline, Chromium logs every refused request; those are checked apart below.
    const offlineConsole: string[] = [];
    const context = await signedInContext(browser, url, account, offlineConsole);
    const calendar = await openCalendar(context, calendarId);
    // The service worker must control the pages before the network goes away.
    await calendar.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await calendar.locator('[data-state="offline"]').waitFor();
    await calendar.locator('[data-event-id]', { hasText: 'Recce' }).first().click();
    await calendar.getByLabel('Title').fill('Recce (offline)');
    await calendar.getByRole('button', { name: 'Close event panel' }).click();
    // Closed before the edit could reach the server: it lives only in this device's copy.
    await calendar.close();
    await context.setOffline(false);

    const page = await context.newPage();
    await page.goto(`${url}/projects`);
    const signOut = page.getByRole('button', { name: 'Sign out' });
    const dialog = page.getByRole('alertdialog');

    await signOut.click();
    await dialog.getByText('Edits to Main unit have not reached the server yet.').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(page.url()).toBe(`${url}/projects`);
    expect((await deviceCopies(page)).databases).toEqual([`callboard:${calendarId}`]);

    // Offline the server cannot end the session, so nothing is deleted.
    await context.setOffline(true);
    await signOut.click();
    await dialog.getByRole('button', { name: 'Sign out anyway' }).click();
    await page.getByText('You are offline or the server cannot be reached. Try again.').waitFor();
    expect((await deviceCopies(page)).databases).toEqual([`callboard:${calendarId}`]);
    await context.setOffline(false);

    await signOut.click();
    await dialog.getByRole('button', { name: 'Sign out anyway' }).click();
    await page.waitForURL(/\/login/);
    expect(await deviceCopies(page)).toEqual({ databases: [], keys: [] });
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await context.close();
    expect(offlineConsole.filter((line) => !/ERR_INTERNET_DISCONNECTED|401/.test(line))).toEqual(
      [],
    );
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
