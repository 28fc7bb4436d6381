import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { launchChromium, signedInContext } from './support/browser.js';

const server = await startAppServer();

describe.skipIf(!server)('the installed app starting with no network', () => {
  let browser: Browser;
  let owner: Account;
  let context: BrowserContext;
  let page: Page;
  let production: { projectId: string; calendarId: string };
  let unopened: { projectId: string; calendarId: string };
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const offlineMark = /Offline — showing what was last loaded at .*\d\d/;

  beforeAll(async () => {
    browser = await launchChromium();
    owner = await createAccount(url, 'Olive Owner');
    production = await createProduction(url, owner, []);
    unopened = await createProduction(url, owner, []);
    context = await signedInContext(browser, url, owner, consoleErrors);
    page = await context.newPage();
    await page.goto(`${url}/projects`);
    // The service worker must control the page before the network goes away.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await page.getByRole('link', { name: 'The Long Night' }).first().waitFor();
    await page.goto(`${url}/projects/${production.projectId}`);
    await page.getByRole('link', { name: 'Main unit' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the start page, /projects, offline with the last known projects, marked as such', async () => {
    await context.setOffline(true);
    await page.goto(`${url}/projects`);
    await page.getByText(offlineMark).waitFor();
    await expect(page.getByRole('link', { name: 'The Long Night' }).count()).resolves.toBe(2);
    await expect(page.getByRole('button', { name: 'Create project' }).isDisabled()).resolves.toBe(
      true,
    );
    await page.reload();
    await page.getByText(offlineMark).waitFor();
    await context.setOffline(false);
    await page.getByText(offlineMark).waitFor({ state: 'detached' });
  });

  it('opens a project page offline with its last known calendars and members', async () => {
    await context.setOffline(true);
    await page.goto(`${url}/projects/${production.projectId}`);
    await page.getByText(offlineMark).waitFor();
    await page.getByRole('link', { name: 'Main unit' }).waitFor();
    await page.getByText(owner.email).waitFor();
    await page.reload();
    await page.getByRole('link', { name: 'Main unit' }).waitFor();
    await page.getByText(offlineMark).waitFor();
    await context.setOffline(false);
    // Back online the page loads afresh, and the mark goes.
    await page.getByText(offlineMark).waitFor({ state: 'detached' });
  });

  it('says so offline for a project never opened on this device', async () => {
    await context.setOffline(true);
    await page.goto(`${url}/projects/${unopened.projectId}`);
    await page
      .getByText('You are offline, and this page has not been opened on this device before.')
      .waitFor();
    await context.setOffline(false);
  });

  it('keeps the last known lists under the prefix that sign-out clears', async () => {
    await page.goto(`${url}/projects`);
    await page.getByRole('link', { name: 'The Long Night' }).first().waitFor();
    const keys = () =>
      page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('last-known')));
    expect((await keys()).every((key) => key.startsWith('callboard:'))).toBe(true);
    expect(await keys()).toContain('callboard:last-known:projects');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    expect(await keys()).toEqual([]);
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
