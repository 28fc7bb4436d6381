import {
  addDays,
  eventsMap,
  nowInTimeZone,
  readEvent,
  type CalendarEvent,
} from '@callboard/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import { axeViolations } from './support/axe.js';
import { eventually, launchChromium, signedInContext } from './support/browser.js';
import { connectNodeClient } from './support/node-client.js';

const server = await startAppServer();

describe.skipIf(!server)('the event panel', () => {
  let browser: Browser;
  let alice: Account;
  let bob: Account;
  let calendarId: string;
  let a: Page;
  let b: Page;
  let outside: Awaited<ReturnType<typeof connectNodeClient>>;
  const consoleErrors: string[] = [];
  const month = nowInTimeZone('Europe/London').slice(0, 7);
  const url = server?.url ?? '';

  async function openCalendar(account: Account): Promise<Page> {
    const context = await signedInContext(browser, url, account, consoleErrors);
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}`);
    await page.getByText('All changes saved').waitFor();
    return page;
  }

  /** Creates an event from the month view and returns its id; the panel is open on it. */
  async function addEvent(page: Page, date: string): Promise<string> {
    const before = new Set(eventsMap(outside.doc).keys());
    await page.getByRole('button', { name: `Add event on ${date}` }).click();
    let id = '';
    await eventually(async () => {
      id = [...eventsMap(outside.doc).keys()].find((key) => !before.has(key)) ?? '';
      return id !== '';
    }, 'the new event in the document');
    return id;
  }

  const stored = (id: string): CalendarEvent => readEvent(id, eventsMap(outside.doc).get(id)!);

  /** Every field of the panel either shows the stored value or says it is not stored. */
  async function expectPanelTruthful(page: Page, id: string) {
    const event = stored(id);
    for (const [label, key] of [
      ['Title', 'title'],
      ['Location', 'location'],
      ['Notes', 'notes'],
    ] as const)
      expect(await page.getByLabel(label).inputValue(), label).toBe(event[key]);
    for (const [label, key] of [
      ['Start', 'start'],
      ['End', 'end'],
    ] as const) {
      const input = page.getByLabel(label, { exact: true });
      const shown = await input.inputValue();
      if (shown === event[key]) continue;
      const described = await input.getAttribute('aria-describedby');
      const marker = described ? await page.locator(`#${described}`).innerText() : '';
      expect(marker, `${label} shows ${shown} but ${event[key]} is stored`).toContain('Not saved');
    }
  }

  beforeAll(async () => {
    browser = await launchChromium();
    [alice, bob] = await Promise.all([
      createAccount(url, 'Alice Archer'),
      createAccount(url, 'Bob Baker'),
    ]);
    ({ calendarId } = await createProduction(url, alice, [{ account: bob, role: 'editor' }]));
    outside = await connectNodeClient(url, calendarId, alice.token);
    a = await openCalendar(alice);
    b = await openCalendar(bob);
  });

  afterAll(async () => {
    outside?.close();
    await browser?.close();
    await server?.stop();
  });

  it('stores a night shoot entered start first as typed, both times in one change', async () => {
    const day = `${month}-08`;
    const id = await addEvent(a, day);
    expect(stored(id)).toMatchObject({ start: `${day}T08:00`, end: `${day}T18:00` });
    // Every start and end the document held, as other clients saw it change.
    const times = () => `${stored(id).start} to ${stored(id).end}`;
    const seen = [times()];
    const record = () => {
      if (times() !== seen.at(-1)) seen.push(times());
    };
    outside.doc.on('afterTransaction', record);

    await a.getByLabel('Start', { exact: true }).fill(`${day}T19:00`);
    await a.getByText('End must be after the start').first().waitFor();
    expect(await a.locator('#start-state').innerText()).toContain('Not saved');
    await expectPanelTruthful(a, id);
    expect(stored(id).start).toBe(`${day}T08:00`);
    expect(await axeViolations(a), 'the panel with a pending time').toEqual([]);

    const nextDay = addDays(day, 1);
    await a.getByLabel('End', { exact: true }).fill(`${nextDay}T05:00`);
    await eventually(
      async () => stored(id).start === `${day}T19:00` && stored(id).end === `${nextDay}T05:00`,
      'the night shoot in the document',
    );
    outside.doc.off('afterTransaction', record);
    expect(seen).toEqual([`${day}T08:00 to ${day}T18:00`, `${day}T19:00 to ${nextDay}T05:00`]);
    await expectPanelTruthful(a, id);
    expect(await a.locator('#start-state, #end-state').count()).toBe(0);
    expect(await a.getByLabel('Start', { exact: true }).inputValue()).toBe(`${day}T19:00`);
  });

  it('gives way to a time someone else stored while the pending field is not being edited', async () => {
    const day = `${month}-09`;
    const id = await addEvent(a, day);
    await a.getByLabel('Start', { exact: true }).fill(`${day}T19:00`);
    await a.locator('#start-state').waitFor();
    await a.getByLabel('Title').focus();
    outside.doc.transact(() => eventsMap(outside.doc).get(id)!.set('start', `${day}T07:00`));
    await eventually(
      async () =>
        (await a.getByLabel('Start', { exact: true }).inputValue()) === `${day}T07:00` &&
        (await a.locator('#start-state').count()) === 0,
      'the stored start in the panel, with nothing pending',
    );
    await expectPanelTruthful(a, id);
  });

  it('keeps both sentences when two people type into one Notes field at once, and shows the other’s caret', async () => {
    const day = `${month}-10`;
    const id = await addEvent(a, day);
    await eventually(
      async () => (await b.locator(`[data-event-id="${id}"]`).count()) > 0,
      'the event on Bob’s page',
    );
    await b.locator(`[data-event-id="${id}"]`).first().click();
    const notesA = a.getByLabel('Notes');
    const notesB = b.getByLabel('Notes');
    await notesA.fill('Base note.');
    await eventually(async () => (await notesB.inputValue()) === 'Base note.', 'the base note');
    await notesB.focus();
    await notesA.focus();
    await a.keyboard.press('Control+End');
    await b.keyboard.press('Control+End');

    const fromAlice = ' 2AD: extras at 06:00.';
    const fromBob = ' Camera: rain cover on the dolly.';
    await Promise.all([
      a.keyboard.type(fromAlice, { delay: 25 }),
      b.keyboard.type(fromBob, { delay: 25 }),
    ]);
    const both = (value: string) =>
      value.startsWith('Base note.') && value.includes(fromAlice) && value.includes(fromBob);
    await eventually(async () => {
      const [valueA, valueB] = [await notesA.inputValue(), await notesB.inputValue()];
      return valueA === valueB && both(valueA) && stored(id).notes === valueA;
    }, 'both sentences whole on both pages and in the document');
    expect(both(stored(id).notes)).toBe(true);

    await eventually(
      async () => await b.locator('[data-peer-caret="Alice Archer"]').isVisible(),
      'Alice’s caret on Bob’s page',
    );
    await eventually(
      async () => await a.locator('[data-peer-caret="Bob Baker"]').isVisible(),
      'Bob’s caret on Alice’s page',
    );
    await expect(b.getByText('Alice Archer is typing here').count()).resolves.toBe(1);
    expect(await axeViolations(b), 'the panel with another person’s caret').toEqual([]);
    await notesA.blur();
    await eventually(
      async () => (await b.locator('[data-peer-caret="Alice Archer"]').count()) === 0,
      'Alice’s caret gone once she leaves the field',
    );
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
