import { fileURLToPath } from 'node:url';
import { createDemoSchedule, nowInTimeZone } from '@callboard/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { strip, writeAsOutsideClient } from './support/board-page.js';
import { connectNodeClient } from './support/node-client.js';

const server = await startAppServer();
const shots = (name: string) =>
  fileURLToPath(new URL(`./screenshots/${name}.png`, import.meta.url));

describe.skipIf(!server)('the main screens', () => {
  let browser: Browser;
  let alice: Account;
  let bob: Account;
  let calendarId: string;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const month = nowInTimeZone('Europe/London').slice(0, 7);

  beforeAll(async () => {
    browser = await launchChromium();
    [alice, bob] = await Promise.all([
      createAccount(url, 'Alice Archer'),
      createAccount(url, 'Bob Baker'),
    ]);
    ({ calendarId } = await createProduction(url, alice, [{ account: bob, role: 'editor' }]));
    const seed = await connectNodeClient(url, calendarId, alice.token);
    const { createEvent } = await import('@callboard/domain');
    const schedule: [string, string, string, string, boolean][] = [
      ['03', 'Tech recce', 'prep', 'Warehouse district', false],
      ['05', 'Table read', 'rehearsal', 'Production office', false],
      ['09', 'Day 1 — Sc. 1, 2, 7', 'shoot', 'Stage 4', false],
      ['10', 'Day 2 — Sc. 12 diner', 'shoot', 'Rosie’s Diner', false],
      ['11', 'Day 3 — Sc. 14–16', 'shoot', 'Backlot', false],
      ['12', 'Unit move', 'travel', 'Coast', true],
      ['16', 'Day 4 — Sc. 20 rooftop', 'shoot', 'Rooftop', false],
      ['17', 'Weather hold', 'hold', '', true],
      ['18', 'Production meeting', 'meeting', 'Office', false],
    ];
    for (const [day, title, kind, location, allDay] of schedule) {
      const date = `${month}-${day}`;
      createEvent(seed.doc, {
        title,
        kind: kind as never,
        location,
        notes: '',
        allDay,
        start: allDay ? date : `${date}T07:00`,
        end: allDay ? `${month}-${String(Number(day) + 1).padStart(2, '0')}` : `${date}T19:00`,
      });
    }
    await new Promise((r) => setTimeout(r, 100));
    seed.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sign-in', async () => {
    const context = await signedInContext(browser, url, null, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/login`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('ad@example.com');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Wrong email or password.').waitFor();
    await page.screenshot({ path: shots('sign-in') });
    await context.close();
  });

  it('project list', async () => {
    const context = await signedInContext(browser, url, alice, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/projects`);
    await page.getByRole('link', { name: 'The Long Night' }).waitFor();
    await page.screenshot({ path: shots('project-list') });
    await context.close();
  });

  it('month view with presence, event panel, and phone width', async () => {
    const open = async (
      account: Account,
      viewport?: { width: number; height: number },
    ): Promise<Page> => {
      const context = await signedInContext(
        browser,
        url,
        account,
        consoleErrors,
        viewport ? { viewport } : {},
      );
      const page = await context.newPage();
      await page.goto(`${url}/calendars/${calendarId}`);
      await page.getByText('All changes saved').waitFor();
      return page;
    };
    const a = await open(alice);
    const b = await open(bob);
    await b.locator('[data-event-id]', { hasText: 'Sc. 12 diner' }).click();
    await eventually(
      async () =>
        (
          await a.locator('[data-event-id]', { hasText: 'Sc. 12 diner' }).getAttribute('aria-label')
        )?.includes('Bob Baker is editing') ?? false,
      'Bob’s outline',
    );
    await a.screenshot({ path: shots('month-view-presence') });
    await a.locator('[data-event-id]', { hasText: 'Sc. 20 rooftop' }).click();
    await a.getByLabel('Title').waitFor();
    await a.screenshot({ path: shots('event-panel') });
    const phone = await open(alice, { width: 375, height: 812 });
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await phone.screenshot({ path: shots('phone') });
  });

  it('stripboard with presence and a selection', async () => {
    const production = await createProduction(url, alice, [{ account: bob, role: 'editor' }]);
    await writeAsOutsideClient(url, production.calendarId, alice.token, (doc) => {
      createDemoSchedule(doc, { seed: 7, startDate: `${Number(month.slice(0, 4)) + 1}-03-01` });
    });
    const open = async (account: Account) => {
      const context = await signedInContext(browser, url, account, consoleErrors);
      const page = await context.newPage();
      await page.goto(`${url}/calendars/${production.calendarId}/board`);
      await page.getByText('All changes saved').waitFor();
      await page.locator('[data-strip-id]').first().waitFor();
      return page;
    };
    const a = await open(alice);
    const b = await open(bob);
    const rows = a.locator('[data-drop-list] [data-strip-id]:not(.banner)');
    const [first, second, editedByBob] = await Promise.all(
      [1, 2, 4].map((n) => rows.nth(n).getAttribute('data-strip-id')),
    );
    await strip(b, editedByBob!).dblclick();
    await strip(a, editedByBob!).getByText('Bob Baker editing').waitFor();
    await strip(a, first!).click();
    await strip(a, second!).click({ modifiers: ['ControlOrMeta'] });
    await a.getByText('2 selected').waitFor();
    await a.mouse.move(0, 0);
    await a.screenshot({ path: shots('stripboard') });
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
