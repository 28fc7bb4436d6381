import { nowInTimeZone } from '@callboard/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { launchChromium, PHONE, signedInContext } from './support/browser.js';
import { fitsTheScreen, smallTargets } from './support/phone-checks.js';

const server = await startAppServer();

describe.skipIf(!server)('the main tasks on a 375 px touch phone', () => {
  let browser: Browser;
  let ada: Account;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const month = nowInTimeZone('Europe/London').slice(0, 7);

  beforeAll(async () => {
    browser = await launchChromium();
    ada = await createAccount(url, 'Ada Assistant');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, creates a project, a calendar and an event, edits, moves and deletes it', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors, PHONE);
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByLabel('Email').fill(ada.email);
    await page.getByLabel('Password').fill(ada.password);
    await page.getByRole('button', { name: 'Sign in' }).tap();
    await page.waitForURL(`${url}/projects`);

    await page.getByLabel('New project name').fill('Harbour Lights');
    await page.getByRole('button', { name: 'Create project' }).tap();
    await page.getByRole('heading', { name: 'Harbour Lights' }).waitFor();
    await page.getByLabel('Calendar name').fill('Main unit');
    await page.getByLabel('Time zone').selectOption('Europe/London');
    await page.getByRole('button', { name: 'Create calendar' }).tap();
    await page.getByRole('link', { name: 'Main unit' }).tap();
    await page.getByText('All changes saved').waitFor();
    expect(await fitsTheScreen(page)).toBe(true);
    expect(await smallTargets(page)).toEqual([]);

    // Create: a tap on the day opens its list, which adds the event and opens it in the sheet.
    const day = (date: string) => page.locator(`[role='gridcell'][data-date='${date}']`);
    await day(`${month}-10`).tap();
    await page.getByRole('dialog').getByText('No events on this day.').waitFor();
    await page.getByRole('button', { name: 'Add event' }).tap();
    const sheet = page.getByRole('dialog', { name: 'Event details' });
    const title = sheet.getByLabel('Title', { exact: true });
    await expect(title.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    await title.fill('Sc. 9 — Pier');
    await sheet.getByLabel('Location').fill('North pier');
    expect(await smallTargets(page)).toEqual([]);

    // Move it two days on from the sheet: times and length are kept.
    await sheet.getByLabel('Move to day').fill(`${month}-12`);
    await expect(sheet.getByLabel('Start').inputValue()).resolves.toBe(`${month}-12T08:00`);
    await sheet.getByRole('button', { name: 'Close event panel' }).tap();
    await sheet.waitFor({ state: 'detached' });

    await day(`${month}-12`).tap();
    const list = page.getByRole('dialog');
    await list.locator('[data-event-id]', { hasText: 'Sc. 9 — Pier' }).tap();
    await expect(sheet.getByLabel('Location').inputValue()).resolves.toBe('North pier');
    await sheet.getByRole('button', { name: 'Close event panel' }).tap();
    await day(`${month}-10`).tap();
    await page.getByRole('dialog').getByText('No events on this day.').waitFor();
    await page.getByRole('button', { name: 'Close', exact: true }).tap();

    await page.getByRole('tab', { name: 'Week' }).tap();
    await page.locator('.week').waitFor();
    expect(await fitsTheScreen(page)).toBe(true);
    await page.getByRole('tab', { name: 'Agenda' }).tap();
    const chip = page.getByRole('list', { name: 'Agenda' }).locator('[data-event-id]');
    await expect(chip.textContent()).resolves.toContain('Sc. 9 — Pier');
    expect(await smallTargets(page)).toEqual([]);

    await chip.tap();
    await sheet.getByRole('button', { name: 'Delete event' }).tap();
    await page.getByText('Event deleted.').waitFor();
    await page.getByText('No events yet.').waitFor();
    expect(await fitsTheScreen(page)).toBe(true);
    await context.close();
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
