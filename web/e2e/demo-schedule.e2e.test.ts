import {
  boardDays,
  createDemoSchedule,
  DEMO_PRODUCTION_NAME,
  DEMO_SCHEDULE_SIZE,
  dayNumberLabel,
  dayTotalsLabel,
  formatEighths,
  moveStrips,
  readBoard,
  type BoardDay,
} from '@callboard/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { axeViolations } from './support/axe.js';
import { shownOn, strip } from './support/board-page.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { connectNodeClient } from './support/node-client.js';

const server = await startAppServer();

describe.skipIf(!server)('the demo schedule, and shoot days in the calendar views', () => {
  let browser: Browser;
  let newcomer: Account;
  let page: Page;
  /** A calendar holding the demo, written by an outside client with the same generator. */
  let production: { projectId: string; calendarId: string };
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';

  beforeAll(async () => {
    browser = await launchChromium();
    newcomer = await createAccount(url, 'Nina Newcomer');
    production = await createProduction(url, newcomer, []);
    const writer = await connectNodeClient(url, production.calendarId, newcomer.token);
    createDemoSchedule(writer.doc, { seed: 18, startDate: '2027-03-01' });
    await eventually(
      async () => boardDays(await readServerBoard(production.calendarId)).length > 0,
      'the demo on the server',
    );
    writer.close();
    const context = await signedInContext(browser, url, newcomer, consoleErrors);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The board link of a shoot day, named as a screen reader reads it. */
  const boardLink = (day: BoardDay) =>
    page.getByRole('link', { name: `${dayNumberLabel(day)} · ${dayTotalsLabel(day.totals)}` });

  /** The board as the server's document has it, read by an outside client. */
  async function readServerBoard(calendarId: string) {
    const client = await connectNodeClient(url, calendarId, newcomer.token);
    try {
      return readBoard(client.doc);
    } finally {
      client.close();
    }
  }

  async function openCalendar(query: string): Promise<BoardDay[]> {
    await page.goto(`${url}/calendars/${production.calendarId}?${query}`);
    await page.getByText('All changes saved').waitFor();
    return boardDays(await readServerBoard(production.calendarId));
  }

  it('lets a new user create the demo from an empty project and opens its calendar with every shoot day', async () => {
    await page.goto(`${url}/projects`);
    await page.getByLabel('New project name').fill('First film');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('heading', { name: 'First film' }).waitFor();
    await page.getByText('No calendars yet.').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Create demo schedule' }).click();
    await page.waitForURL(/\/calendars\/[\w-]+$/);
    const calendarId = new URL(page.url()).pathname.split('/').at(-1)!;
    await page.getByRole('heading', { name: DEMO_PRODUCTION_NAME }).waitFor();
    await page.getByText('All changes saved').waitFor();

    // The server held the whole schedule before the page opened.
    const days = boardDays(await readServerBoard(calendarId));
    expect(days).toHaveLength(DEMO_SCHEDULE_SIZE.days);
    expect(new Set(days.map((day) => day.unit))).toEqual(new Set(['Main', '2nd Unit']));

    await page.getByRole('tab', { name: 'Agenda' }).click();
    const agenda = page.getByRole('list', { name: 'Agenda' });
    await eventually(
      async () => (await agenda.locator('[data-event-id]').count()) === days.length,
      'every shoot day in the agenda',
    );
    await expect(agenda.locator('.board-link').count()).resolves.toBe(days.length);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows each shoot day’s number, pages and scenes in the agenda, linked to its day on the board', async () => {
    const days = await openCalendar('view=agenda');
    const second = days.find((day) => day.unit !== 'Main')!;
    for (const day of [days[0]!, days[1]!, second]) {
      const link = boardLink(day);
      await expect(link.getAttribute('href')).resolves.toBe(
        `/calendars/${production.calendarId}/board?day=${day.id}`,
      );
      await expect(link.textContent()).resolves.toContain(
        `${dayNumberLabel(day)} · ${dayTotalsLabel(day.totals)}`,
      );
    }
    expect(dayNumberLabel(days[0]!)).toBe(`Day 1 of ${days[0]!.of}`);
    expect(dayNumberLabel(second)).toMatch(/^Day \d+ of \d+ \(2nd Unit\)$/);
    // The chip's name reads in the order it shows: the day number first, its totals after.
    const label = await page.locator(`[data-event-id='${days[0]!.id}']`).getAttribute('aria-label');
    expect(label).toMatch(/^Day 1, /);
    expect(label).toContain(`, Day 1 of ${days[0]!.of}, ${dayTotalsLabel(days[0]!.totals)}`);
  });

  it('follows the board live: a strip moved onto a day by someone else changes its totals', async () => {
    const [first] = await openCalendar('view=agenda');
    const client = await connectNodeClient(url, production.calendarId, newcomer.token);
    const pooled = readBoard(client.doc).pool.strips.find((strip) => strip.kind === 'scene')!;
    moveStrips(client.doc, [pooled.id], { dayId: first!.id });
    const after = boardDays(readBoard(client.doc)).find((day) => day.id === first!.id)!;
    expect(after.totals.scenes).toBe(first!.totals.scenes + 1);
    await boardLink(after).waitFor();
    client.close();
  });

  it('shows the day number on the chip and the pages on a board link in the month and week views', async () => {
    const first = (await openCalendar('view=month&date=2027-03-01'))[0]!;
    const cell = page.locator(`[role='gridcell'][data-date='${first.date}']`);
    await expect(
      cell.locator(`[data-event-id='${first.id}'] .day-number`).getAttribute('data-day'),
    ).resolves.toBe('Day 1');
    const monthLink = cell.getByRole('link', { name: `${dayTotalsLabel(first.totals)}, Day 1` });
    await expect(monthLink.textContent()).resolves.toContain(formatEighths(first.totals.eighths));
    await expect(monthLink.getAttribute('href')).resolves.toBe(
      `/calendars/${production.calendarId}/board?day=${first.id}`,
    );
    // The link shares the chip's line: a cell holds as many events as before.
    const [chipBox, linkBox] = await Promise.all([
      cell.locator(`[data-event-id='${first.id}']`).boundingBox(),
      monthLink.boundingBox(),
    ]);
    expect(Math.abs(chipBox!.y - linkBox!.y)).toBeLessThan(4);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Week' }).click();
    const weekCell = page.locator('.allday-cell', {
      has: page.locator(`[data-event-id='${first.id}']`),
    });
    await weekCell.getByRole('link', { name: `${dayTotalsLabel(first.totals)}, Day 1` }).waitFor();
    await expect(
      weekCell.locator(`[data-event-id='${first.id}'] .day-number`).getAttribute('data-day'),
    ).resolves.toBe('Day 1');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('builds a board longer than the screen in full after its first days, and opens on a linked day far down', async () => {
    const board = await readServerBoard(production.calendarId);
    const days = boardDays(board);
    const strips = days.reduce((sum, day) => sum + day.strips.length, board.pool.strips.length);
    await page.goto(`${url}/calendars/${production.calendarId}/board`);
    await eventually(
      async () => (await page.locator('[data-strip-id]').count()) === strips,
      'every strip on the board',
    );
    for (const day of [days[0]!, days.at(-1)!])
      await expect(shownOn(page, day.id)).resolves.toEqual(day.strips.map((strip) => strip.id));

    // A link to the last day reaches it at once, not after the days above it are built.
    const last = days.at(-1)!;
    await page.goto(`${url}/calendars/${production.calendarId}/board?day=${last.id}`);
    await eventually(
      () => strip(page, last.strips[0]!.id).evaluate((row) => row === document.activeElement),
      'the last day’s first strip focused',
    );
  });

  it('offers the demo as a second action once the project has a calendar', async () => {
    await page.goto(`${url}/projects/${production.projectId}`);
    await page.getByRole('link', { name: 'Main unit' }).waitFor();
    await page.getByRole('button', { name: 'Create demo schedule' }).waitFor();
    await expect(page.getByRole('button', { name: 'Create calendar' }).count()).resolves.toBe(1);
  });

  it('logged no console errors on any page', async () => {
    await page.context().close();
    expect(consoleErrors).toEqual([]);
  });
});
