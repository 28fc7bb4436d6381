import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { eventually, launchChromium, PHONE, signedInContext } from './support/browser.js';
import { seedEvents } from './support/node-client.js';
import { AGENDA_EVENTS_PER_PAGE } from '../src/lib/calendar/views/agenda-pages.js';

const server = await startAppServer();

describe.skipIf(!server)('calendar views: every event reachable, by keyboard too', () => {
  let browser: Browser;
  let alice: Account;
  let calendarId: string;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const busyDay = '2027-01-13';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    alice = await createAccount(url, 'Alice Archer');
    ({ calendarId } = await createProduction(url, alice, []));
    await seedEvents(url, calendarId, alice.token, [
      ...Array.from({ length: 7 }, (_, i) => ({
        title: `Call ${i + 1}`,
        kind: 'shoot' as const,
        start: `${busyDay}T0${i + 1}:00`,
        end: `${busyDay}T0${i + 2}:00`,
      })),
      { title: 'Night shoot', kind: 'shoot', start: '2027-01-05T18:00', end: '2027-01-06T04:00' },
      {
        title: 'Sc. 40–44 harbour exteriors with the second unit and the drone team',
        kind: 'shoot',
        start: '2027-01-07T06:30',
        end: '2027-01-07T12:00',
      },
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openCalendar(query: string, options = {}): Promise<Page> {
    const context = await signedInContext(browser, url, alice, consoleErrors, options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}?${query}`);
    await page.getByText('All changes saved').waitFor();
    return page;
  }
  const cell = (page: Page, date: string) => page.locator(`[role='gridcell'][data-date='${date}']`);
  const focusedDate = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-date') ?? null);
  const focusedEventId = (page: Page) =>
    page.evaluate(() => document.activeElement?.getAttribute('data-event-id') ?? null);

  it('shows all seven events of a busy day through its list at desktop width', async () => {
    const page = await openCalendar('view=month&date=2027-01-15');
    const more = cell(page, busyDay).getByRole('button', { name: /^\+4 more/ });
    const [moreBox, cellBox] = [await more.boundingBox(), await cell(page, busyDay).boundingBox()];
    expect(moreBox!.y + moreBox!.height).toBeLessThanOrEqual(cellBox!.y + cellBox!.height);
    await more.click();
    const list = page.getByRole('dialog');
    await expect(list.locator('[data-event-id]').allTextContents()).resolves.toEqual(
      Array.from({ length: 7 }, (_, i) => expect.stringContaining(`Call ${i + 1}`)),
    );
    await list.locator('[data-event-id]', { hasText: 'Call 7' }).click();
    await expect(page.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Call 7');
  });

  it('shows all seven events of a busy day through its list at 375 px, by touch', async () => {
    const page = await openCalendar('view=month&date=2027-01-15', PHONE);
    await cell(page, busyDay).tap();
    const list = page.getByRole('dialog');
    await expect(list.locator('[data-event-id]').count()).resolves.toBe(7);
    await list.locator('[data-event-id]', { hasText: 'Call 6' }).tap();
    const sheet = page.getByRole('dialog', { name: 'Event details' });
    await expect(sheet.getByLabel('Title', { exact: true }).inputValue()).resolves.toBe('Call 6');
    // The sheet lies over the grid, within the screen.
    const box = (await sheet.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(812);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
  });

  it('goes from January 2027 back to December 2026 with "previous"', async () => {
    const page = await openCalendar('date=2027-01-15&view=month');
    await page.getByRole('grid', { name: 'January 2027' }).waitFor();
    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.getByRole('grid', { name: 'December 2026' }).waitFor();
    await cell(page, '2026-12-31').waitFor();
    expect(new URL(page.url()).searchParams.get('date')).toBe('2026-12-01');
  });

  it('keeps the view and date in the URL through reload, back and forward', async () => {
    const page = await openCalendar('view=month&date=2027-01-15');
    await page.getByRole('tab', { name: 'Week' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await eventually(async () => page.url().endsWith('view=week&date=2027-01-22'), 'the URL');
    await page.reload();
    await page.locator("[data-date='2027-01-18']").first().waitFor();
    await expect(
      page.getByRole('tab', { name: 'Week' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await page.goBack();
    await page.locator("[data-date='2027-01-11']").first().waitFor();
    await page.goBack();
    await page.getByRole('grid', { name: 'January 2027' }).waitFor();
    await page.goForward();
    await page.locator("[data-date='2027-01-11']").first().waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('week');
  });

  it('opens the week at its crew call, or at 07:00 when the week is empty', async () => {
    const page = await openCalendar('view=week&date=2027-01-06');
    const offsetOf = (hour: string) =>
      page.evaluate((hour) => {
        const scroller = document.querySelector('.scroller')!;
        const label = [...scroller.querySelectorAll('.hour-label')].find(
          (l) => l.textContent?.trim() === hour,
        )!;
        return label.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
      }, hour);
    // The hour's row is the first one in view (the offset is the column's border and padding).
    const onTop = async (hour: string) => {
      const offset = await offsetOf(hour);
      return offset >= 0 && offset < 10;
    };
    await eventually(() => onTop('06:00'), 'the 06:30 call on top');
    const long = page.locator('[data-event-id]', { hasText: 'Sc. 40–44' });
    await expect(long.getAttribute('title')).resolves.toContain(
      'Sc. 40–44 harbour exteriors with the second unit and the drone team',
    );
    // The week after next has no events.
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('button', { name: 'Next week' }).click();
    await eventually(() => onTop('07:00'), '07:00 on top');
  });

  it('reads a night shoot’s second day as “until 04:00”, its first as ending +1', async () => {
    const page = await openCalendar('view=month&date=2027-01-15');
    const night = (date: string) =>
      page.locator(`[data-date='${date}'] [data-event-id]`, { hasText: 'Night shoot' });
    // A shoot's chip reads its day number first, then the time.
    await expect(night('2027-01-05').getAttribute('aria-label')).resolves.toMatch(
      /^Day \d+, 18:00 Night shoot/,
    );
    await expect(night('2027-01-06').getAttribute('aria-label')).resolves.toMatch(
      /^Day \d+, until 04:00 Night shoot/,
    );
    await page.getByRole('tab', { name: 'Week' }).click();
    await page.getByRole('button', { name: 'Previous week' }).click();
    await expect(night('2027-01-05').textContent()).resolves.toContain('18:00–04:00 +1');
    await expect(night('2027-01-06').textContent()).resolves.toContain('until 04:00');
    await expect(night('2027-01-06').textContent()).resolves.not.toContain('18:00');
  });

  it('moves between days with the arrow keys and lists a day with Enter', async () => {
    const page = await openCalendar('view=month&date=2027-01-15');
    await expect(cell(page, '2027-01-15').getAttribute('tabindex')).resolves.toBe('0');
    await cell(page, '2027-01-15').focus();
    await page.keyboard.press('ArrowRight');
    expect(await focusedDate(page)).toBe('2027-01-16');
    await page.keyboard.press('ArrowDown');
    expect(await focusedDate(page)).toBe('2027-01-23');
    await page.keyboard.press('PageUp');
    await page.getByRole('grid', { name: 'December 2026' }).waitFor();
    expect(await focusedDate(page)).toBe('2026-12-23');
    for (const key of ['PageDown', 'ArrowUp', 'ArrowLeft', 'ArrowLeft', 'ArrowLeft'])
      await page.keyboard.press(key);
    expect(await focusedDate(page)).toBe(busyDay);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').locator('[data-event-id]').count()).resolves.toBe(7);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focusedDate(page)).toBe(busyDay);
  });

  it('moves focus into the editor, back to the chip on Esc, and to the day after delete', async () => {
    const page = await openCalendar('view=month&date=2027-01-15');
    const chip = cell(page, busyDay).locator('[data-event-id]', { hasText: 'Call 1' });
    const id = await chip.getAttribute('data-event-id');
    await chip.focus();
    await page.keyboard.press('Enter');
    const sheet = page.getByRole('dialog', { name: 'Event details' });
    await sheet.waitFor();
    expect(await sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached' });
    expect(await focusedEventId(page)).toBe(id);

    await page.keyboard.press('Enter');
    await sheet.getByRole('button', { name: 'Delete event' }).click();
    await sheet.waitFor({ state: 'detached' });
    await eventually(async () => (await focusedDate(page)) === busyDay, 'focus on the day');

    // The toast's undo is the previous stop in the tab order, and works from the keyboard.
    await page.keyboard.press('Shift+Tab');
    await expect(
      page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''),
    ).resolves.toBe('Undo delete');
    await page.keyboard.press('Enter');
    await cell(page, busyDay).locator(`[data-event-id='${id}']`).waitFor();
  });

  it('lets the delete toast go away by itself', async () => {
    const page = await openCalendar('view=month&date=2027-01-15');
    await cell(page, busyDay).locator('[data-event-id]', { hasText: 'Call 2' }).click();
    await page.getByRole('button', { name: 'Delete event' }).click();
    const toast = page.getByText('Event deleted.');
    await toast.waitFor();
    await toast.waitFor({ state: 'detached', timeout: 60_000 });
    await page.keyboard.press('Control+z');
    await cell(page, busyDay).locator('[data-event-id]', { hasText: 'Call 2' }).waitFor();
  });

  it('renders a long agenda a page at a time, the rest on scrolling or by its button', async () => {
    const { calendarId: longCalendar } = await createProduction(url, alice, []);
    const total = 2 * AGENDA_EVENTS_PER_PAGE + 50;
    await seedEvents(
      url,
      longCalendar,
      alice.token,
      Array.from({ length: total }, (_, i) => ({
        title: `Scene block ${i + 1}`,
        kind: 'shoot' as const,
        start: `2027-03-${String((i % 28) + 1).padStart(2, '0')}T${String(6 + (i % 12)).padStart(2, '0')}:00`,
        end: `2027-03-${String((i % 28) + 1).padStart(2, '0')}T${String(7 + (i % 12)).padStart(2, '0')}:00`,
      })),
    );
    const context = await signedInContext(browser, url, alice, consoleErrors);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${longCalendar}?view=agenda`);
    const chips = page.getByRole('list', { name: 'Agenda' }).locator('[data-event-id]');
    await chips.first().waitFor();
    const more = page.getByRole('button', { name: /^Show later days/ });
    // Whole days: the first page ends with the day that reaches the limit.
    const first = await chips.count();
    expect(first).toBeGreaterThanOrEqual(AGENDA_EVENTS_PER_PAGE);
    expect(first).toBeLessThan(total);
    await expect(more.textContent()).resolves.toContain(`${total - first} more events`);
    // Scrolled near, the button brings the next page by itself.
    await more.scrollIntoViewIfNeeded();
    await eventually(async () => (await chips.count()) > first, 'the next page on scrolling');
    expect(await chips.count()).toBeLessThan(total);
    await more.focus();
    await page.keyboard.press('Enter');
    await eventually(async () => (await chips.count()) === total, 'every event after the button');
    await more.waitFor({ state: 'detached' });
  });

  it('logged no console errors on any page', async () => {
    for (const context of contexts) await context.close();
    expect(consoleErrors).toEqual([]);
  });
});
