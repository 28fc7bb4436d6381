import { createDemoSchedule } from '@callboard/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { axeViolations } from './support/axe.js';
import { launchChromium, PHONE, signedInContext } from './support/browser.js';
import { strip, writeAsOutsideClient } from './support/board-page.js';
import { seedEvents } from './support/node-client.js';

const server = await startAppServer();

describe.skipIf(!server)('accessibility of every page (axe)', () => {
  let browser: Browser;
  let alice: Account;
  let projectId: string;
  let calendarId: string;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const busyDay = '2027-01-13';

  beforeAll(async () => {
    browser = await launchChromium();
    alice = await createAccount(url, 'Alice Archer');
    ({ projectId, calendarId } = await createProduction(url, alice, []));
    const kinds = ['shoot', 'prep', 'rehearsal', 'travel', 'meeting', 'hold', 'other'] as const;
    await seedEvents(url, calendarId, alice.token, [
      ...kinds.map((kind, i) => ({
        title: `Call ${i + 1}`,
        kind,
        start: `${busyDay}T0${i + 1}:00`,
        end: `${busyDay}T0${i + 2}:00`,
      })),
      { title: 'Night shoot', kind: 'shoot', start: '2027-01-05T18:00', end: '2027-01-06T04:00' },
      { title: 'Unit move', kind: 'travel', start: '2027-01-07', end: '2027-01-09', allDay: true },
    ]);
    // The stripboard's demo production, months away from the busy January the views show.
    await writeAsOutsideClient(url, calendarId, alice.token, (doc) => {
      createDemoSchedule(doc, { seed: 18, startDate: '2027-06-07' });
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every page and state the suite visits, each scanned as it stands. */
  async function scanEveryPage(options: typeof PHONE | { viewport: typeof PHONE.viewport }) {
    const found: Record<string, string[]> = {};
    const scan = async (page: Page, name: string) => {
      const violations = await axeViolations(page);
      if (violations.length) found[name] = violations;
    };

    const signedOut = await signedInContext(browser, url, null, consoleErrors, options);
    const visitor = await signedOut.newPage();
    await visitor.goto(`${url}/login`);
    await visitor.getByRole('heading', { name: 'Sign in' }).waitFor();
    await scan(visitor, 'sign-in');
    await visitor.getByRole('button', { name: 'Sign in' }).click();
    await visitor.getByRole('alert').filter({ hasText: /\w/ }).first().waitFor();
    await scan(visitor, 'sign-in with an error');
    await visitor.goto(`${url}/register`);
    await visitor.getByRole('button', { name: 'Create account' }).waitFor();
    await scan(visitor, 'register');
    await signedOut.close();

    const context = await signedInContext(browser, url, alice, consoleErrors, options);
    const page = await context.newPage();
    await page.goto(`${url}/projects`);
    await page.getByRole('link', { name: 'The Long Night' }).waitFor();
    await scan(page, 'projects');
    await page.goto(`${url}/projects/${projectId}`);
    await page.getByRole('link', { name: 'Main unit' }).waitFor();
    await scan(page, 'project');
    await page.getByLabel("Colleague's email").fill(`new.${Date.now()}@example.test`);
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('button', { name: 'Create invite link' }).waitFor();
    await scan(page, 'project, invite offer');
    await page.getByRole('button', { name: 'Create invite link' }).click();
    const inviteLink = new URL(await page.getByLabel('Invite link').inputValue());
    await scan(page, 'project, invite link and pending invites');
    await page.getByRole('button', { name: 'Change the time zone of Main unit' }).click();
    await page.getByLabel('New time zone').waitFor();
    await scan(page, 'project, time zone change');
    await page.goto(`${url}/account`);
    await page.getByRole('heading', { name: 'Change password' }).waitFor();
    await scan(page, 'account');
    await page.goto(`${url}/calendars/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: "Not found, or you don't have access" }).waitFor();
    await scan(page, 'not found');

    await page.goto(`${url}/calendars/${calendarId}?view=month&date=2027-01-15`);
    await page.getByText('All changes saved').waitFor();
    const busyCell = page.locator(`[role='gridcell'][data-date='${busyDay}']`);
    const phone = 'hasTouch' in options;
    // A phone's cell shows five kind marks and "+2"; a desktop's three chips and "+4 more".
    await busyCell.getByText(phone ? '+2' : '+4 more').waitFor();
    await scan(page, 'calendar, month');

    if (phone) await busyCell.tap();
    else await busyCell.getByRole('button', { name: /^\+4 more/ }).click();
    const dayList = page.getByRole('dialog');
    await dayList.locator('[data-event-id]').first().waitFor();
    await scan(page, 'day list');
    await dayList.locator('[data-event-id]', { hasText: 'Call 3' }).click();
    await page.getByLabel('Title', { exact: true }).waitFor();
    await scan(page, 'event panel');
    await page.keyboard.press('Escape');
    await page.getByLabel('Title', { exact: true }).waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: 'Week' }).click();
    await page.locator(`[data-date='${busyDay}'] [data-event-id]`).first().waitFor();
    await scan(page, 'calendar, week');
    await page.getByRole('tab', { name: 'Agenda' }).click();
    await page.getByRole('list', { name: 'Agenda' }).waitFor();
    await scan(page, 'calendar, agenda');

    await page
      .getByRole('navigation', { name: 'Schedule' })
      .getByRole('link', { name: 'Board' })
      .click();
    const first = page.locator('[data-strip-id]').first();
    await first.waitFor();
    await scan(page, 'board');
    const stripId = (await first.getAttribute('data-strip-id'))!;
    if (phone) await strip(page, stripId).tap();
    else await strip(page, stripId).dblclick();
    const sheet = page.getByRole('dialog', { name: 'Strip details' });
    await sheet.getByLabel('Synopsis').waitFor();
    await scan(page, 'board, strip editor');
    await sheet.getByRole('button', { name: 'Close strip panel' }).click();
    await sheet.waitFor({ state: 'detached' });
    if (!phone) {
      await strip(page, stripId).click();
      await page.keyboard.press('m');
      await page.getByRole('dialog', { name: /^Move the strip/ }).waitFor();
      await scan(page, 'board, move to a day');
      await page.keyboard.press('Escape');
    }
    for (const [button, dialog] of [
      ['Insert day breaks…', 'Insert day breaks by pages'],
      ['Add shoot day', 'Add a shoot day'],
      ['Cast list', 'Cast list'],
      ['Versions', 'Versions'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await scan(page, `board, ${dialog.toLowerCase()}`);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: dialog }).waitFor({ state: 'detached' });
    }
    if (phone) await page.getByText('Filters', { exact: true }).tap();
    await page.getByLabel('DAY/NIGHT').selectOption('NIGHT');
    await page.getByText(/^Showing \d+ of \d+ strips/).waitFor();
    await scan(page, 'board, filtered');
    await context.close();

    const invited = await signedInContext(browser, url, null, consoleErrors, options);
    const invitee = await invited.newPage();
    await invitee.goto(`${url}${inviteLink.pathname}${inviteLink.hash}`);
    await invitee.getByText('You are invited to join').waitFor();
    await scan(invitee, 'register with an invite');
    await invited.close();
    return found;
  }

  it('finds no violation on any page at desktop width', async () => {
    expect(await scanEveryPage({ viewport: { width: 1280, height: 900 } })).toEqual({});
  });

  it('finds no violation on any page at 375 px with touch', async () => {
    expect(await scanEveryPage(PHONE)).toEqual({});
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
