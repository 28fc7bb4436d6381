import { createCastMember, createShootDay, insertStrip, POOL_DAY_ID } from '@callboard/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createProduction, type Account } from './support/accounts.js';
import { startAppServer } from './support/app-server.js';
import {
  documentDayOf,
  shownOn,
  showsLayout,
  strip,
  writeAsOutsideClient,
} from './support/board-page.js';
import { eventually, launchChromium, PHONE, signedInContext } from './support/browser.js';
import { connectNodeClient } from './support/node-client.js';
import { fitsTheScreen, smallTargets } from './support/phone-checks.js';

const server = await startAppServer();

describe.skipIf(!server)('the stripboard, shared by two editors and a viewer', () => {
  let browser: Browser;
  let alice: Account;
  let bob: Account;
  let carol: Account;
  let calendarId: string;
  const consoleErrors: string[] = [];
  const url = server?.url ?? '';
  const pages: Record<'alice' | 'bob' | 'carol', Page> = {} as never;
  /** Day 1 (d1) holds s1, s2, s3; day 2 (d2) t1, t2; the pool p1. */
  const start = { d1: ['s1', 's2', 's3'], d2: ['t1', 't2'], [POOL_DAY_ID]: ['p1'] };

  async function openBoard(account: Account, options = {}): Promise<Page> {
    const context = await signedInContext(browser, url, account, consoleErrors, options);
    const page = await context.newPage();
    await page.goto(`${url}/calendars/${calendarId}/board`);
    await page.getByText('All changes saved').waitFor();
    await strip(page, 's1').waitFor();
    return page;
  }

  /** Waits until the other board shows the layout, and says how long that took. */
  async function seenBy(page: Page, layout: Record<string, string[]>, what: string) {
    return eventually(() => showsLayout(page, layout), what);
  }

  beforeAll(async () => {
    browser = await launchChromium();
    [alice, bob, carol] = await Promise.all([
      createAccount(url, 'Alice Archer'),
      createAccount(url, 'Bob Baker'),
      createAccount(url, 'Carol Cole'),
    ]);
    ({ calendarId } = await createProduction(url, alice, [
      { account: bob, role: 'editor' },
      { account: carol, role: 'viewer' },
    ]));
    await writeAsOutsideClient(url, calendarId, alice.token, (doc) => {
      const maggie = createCastMember(doc, { number: '1', name: 'Ann Lee', character: 'Maggie' });
      createShootDay(doc, { date: '2027-01-11' }, 'd1');
      createShootDay(doc, { date: '2027-01-12' }, 'd2');
      for (const [dayId, ids] of Object.entries(start))
        for (const id of ids)
          insertStrip(
            doc,
            { scene: id.toUpperCase(), intExt: 'INT', dayNight: 'DAY', set: 'DINER', eighths: 5 },
            { dayId },
            { id },
          );
      insertStrip(doc, { scene: 'S9', set: 'DINER', cast: [maggie] }, { dayId: 'd2' }, { id: 'x' });
    });
    start.d2.push('x');
    pages.alice = await openBoard(alice);
    pages.bob = await openBoard(bob);
    pages.carol = await openBoard(carol);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drags a strip from one day to another and back, and the other board follows each move', async () => {
    const { alice: a, bob: b } = pages;
    expect(await showsLayout(b, start)).toBe(true);

    // Onto the top edge of t2: it lands just before it.
    await strip(a, 's2').dragTo(strip(a, 't2'), { targetPosition: { x: 30, y: 2 } });
    const there = await seenBy(
      b,
      { d1: ['s1', 's3'], d2: ['t1', 's2', 't2', 'x'] },
      'the drag to day 2 on the other board',
    );
    await strip(a, 's2').dragTo(strip(a, 's3'), { targetPosition: { x: 30, y: 2 } });
    const back = await seenBy(b, start, 'the drag back on the other board');
    console.log(`drags seen by the other board after ${there} ms and ${back} ms`);
  });

  it('moves strips with the keyboard, says where they went, and the other board follows', async () => {
    const { alice: a, bob: b } = pages;
    await strip(a, 's1').click();
    await a.keyboard.press('Alt+ArrowDown');
    await seenBy(b, { d1: ['s2', 's1', 's3'] }, 'the move down on the other board');
    await a
      .getByRole('status')
      .filter({ hasText: 'Scene S1 moved to Day 1 of 2, Mon 11 Jan 2027, place 2 of 3.' })
      .waitFor();

    await a.keyboard.press('Alt+Shift+ArrowDown');
    await seenBy(
      b,
      { d1: ['s2', 's3'], d2: ['s1', 't1', 't2', 'x'] },
      'the move to the next day on the other board',
    );
    // Focus stays on the strip moved, so the next key moves it again.
    await expect(strip(a, 's1').evaluate((row) => row === document.activeElement)).resolves.toBe(
      true,
    );
  });

  it('moves several selected strips together, and one undo puts them back on both boards', async () => {
    const { alice: a, bob: b } = pages;
    await strip(a, 's2').click();
    await strip(a, 's3').click({ modifiers: ['ControlOrMeta'] });
    await a.getByText('2 selected').waitFor();
    await strip(a, 's3').dragTo(a.locator('#pool-heading'));
    await seenBy(b, { d1: [], [POOL_DAY_ID]: ['s2', 's3', 'p1'] }, 'both strips in the pool');

    await a.keyboard.press('ControlOrMeta+z');
    await seenBy(b, { d1: ['s2', 's3'], [POOL_DAY_ID]: ['p1'] }, 'one undo of the two');
    await a.keyboard.press('ControlOrMeta+z');
    await seenBy(b, { d1: ['s2', 's1', 's3'], d2: ['t1', 't2', 'x'] }, 'the next undo');
    expect(await showsLayout(a, { d1: ['s2', 's1', 's3'], d2: ['t1', 't2', 'x'] })).toBe(true);
  });

  it('shows who else is dragging or editing which strip', async () => {
    const { alice: a, bob: b } = pages;
    await strip(b, 't1').dblclick();
    await b.getByRole('dialog', { name: 'Strip details' }).waitFor();
    await strip(a, 't1').getByText('Bob Baker editing').waitFor();
    await b.getByRole('button', { name: 'Close strip panel' }).click();
    await strip(a, 't1').getByText('Bob Baker editing').waitFor({ state: 'detached' });

    const box = (await strip(b, 't2').boundingBox())!;
    await b.mouse.move(box.x + 20, box.y + box.height / 2);
    await b.mouse.down();
    await b.mouse.move(box.x + 20, box.y + box.height / 2 + 40, { steps: 4 });
    await strip(a, 't2').getByText('Bob Baker dragging').waitFor();
    await a.getByRole('list', { name: 'Others on the board' }).getByText('Bob Baker').waitFor();
    await b.keyboard.press('Escape');
    await b.mouse.up();
    await strip(a, 't2').getByText('Bob Baker dragging').waitFor({ state: 'detached' });
    expect(await shownOn(b, 'd2')).toEqual(['t1', 't2', 'x']);
  });

  it('lets a viewer see the board but offers no move, and the server drops a forged one', async () => {
    const { alice: a, carol: c } = pages;
    await eventually(
      () => showsLayout(c, { d1: ['s2', 's1', 's3'], d2: ['t1', 't2', 'x'] }),
      'the board on the viewer page',
    );
    await expect(c.getByText('View only').count()).resolves.toBe(1);
    await expect(c.locator('.grip').count()).resolves.toBe(0);
    for (const name of ['Add scene', 'Add banner', 'Add shoot day', 'Insert day breaks…'])
      await expect(c.getByRole('button', { name }).count()).resolves.toBe(0);

    await strip(c, 's1').click();
    await c.keyboard.press('Alt+ArrowDown');
    await c.keyboard.press('Enter');
    const sheet = c.getByRole('dialog', { name: 'Strip details' });
    await expect(sheet.getByLabel('Scene', { exact: true }).isDisabled()).resolves.toBe(true);
    await expect(sheet.getByRole('button', { name: 'Move' }).count()).resolves.toBe(0);
    await expect(sheet.getByRole('button', { name: 'Delete strip' }).count()).resolves.toBe(0);
    expect(await shownOn(c, 'd1')).toEqual(['s2', 's1', 's3']);

    await c.evaluate(() => {
      const forged = globalThis.callboardDocument!.getMap('strips').get('s3') as {
        set(key: string, value: unknown): void;
      };
      forged.set('dayId', '');
    });
    // A later move by Alice reaching the viewer proves the pipeline moved past the forgery.
    await strip(a, 't2').click();
    await a.keyboard.press('Alt+ArrowUp');
    await eventually(
      async () => (await shownOn(c, 'd2')).join() === 't2,t1,x',
      'Alice’s later move at the viewer',
    );
    expect(await documentDayOf(a, 's3')).toBe('d1');
    const check = await connectNodeClient(url, calendarId, alice.token);
    expect(
      (check.doc.getMap('strips').get('s3') as { get(key: string): unknown }).get('dayId'),
    ).toBe('d1');
    check.close();
  });

  it('moves a strip through its sheet on a 375 px touch phone', async () => {
    const phone = await openBoard(bob, PHONE);
    expect(await fitsTheScreen(phone)).toBe(true);
    expect(await smallTargets(phone)).toEqual([]);
    await strip(phone, 't1').tap();
    const sheet = phone.getByRole('dialog', { name: 'Strip details' });
    await sheet.getByLabel('Move to day').selectOption({ label: 'Day 1 of 2, Mon 11 Jan 2027' });
    await sheet.getByRole('button', { name: 'Move', exact: true }).tap();
    await sheet.getByText('On Day 1 of 2, Mon 11 Jan 2027').waitFor();
    expect(await smallTargets(phone)).toEqual([]);
    await seenBy(
      pages.alice,
      { d1: ['s2', 's1', 's3', 't1'], d2: ['t2', 'x'] },
      'the phone’s move',
    );
    await sheet.getByRole('button', { name: 'Close strip panel' }).tap();
    await sheet.waitFor({ state: 'detached' });
    await phone.context().close();
  });

  it('adds and deletes shoot days and inserts day breaks by pages, each undone as one step', async () => {
    const { alice: a, bob: b } = pages;
    const before = { d1: ['s2', 's1', 's3', 't1'], d2: ['t2', 'x'] };
    await seenBy(b, before, 'the board as the phone left it');
    const dayHeadings = (page: Page) =>
      page.locator('[data-day-id] h3').evaluateAll((rows) => rows.map((row) => row.textContent));

    await a.locator('[data-day-id="d2"] header').hover();
    await a.locator('[data-day-id="d2"]').getByRole('button', { name: 'Delete' }).click();
    const confirm = a.getByRole('alertdialog', {
      name: 'Delete Day 2 of 2, Tue 12 Jan 2027?',
    });
    await confirm.getByText('Its 2 strips go to the unscheduled pool.').waitFor();
    await confirm.getByRole('button', { name: 'Delete day' }).click();
    await eventually(
      async () => (await b.locator('[data-day-id="d2"]').count()) === 0,
      'the day gone from the other board',
    );
    expect(await shownOn(b, POOL_DAY_ID)).toEqual(['p1', 't2', 'x']);
    await a.getByRole('button', { name: 'Undo' }).click();
    await seenBy(b, { ...before, [POOL_DAY_ID]: ['p1'] }, 'the day back with its strips');

    await a.getByRole('button', { name: 'Add shoot day' }).click();
    const adding = a.getByRole('dialog', { name: 'Add a shoot day' });
    await expect(adding.getByLabel('Date').inputValue()).resolves.toBe('2027-01-13');
    await adding.getByRole('button', { name: 'Add day' }).click();
    await eventually(
      async () => (await dayHeadings(b)).at(-1)?.includes('Day 3 of 3') ?? false,
      'the new day on the other board',
    );
    await a.getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => (await dayHeadings(b)).length === 2, 'the new day undone');

    await a.getByRole('button', { name: 'Insert day breaks…' }).click();
    const breaking = a.getByRole('dialog', { name: 'Insert day breaks by pages' });
    await breaking.getByLabel('Pages per day').fill('1 8/8');
    await breaking.getByRole('button', { name: 'Insert day breaks' }).click();
    await breaking.getByText('The fraction is 1/8 to 7/8').waitFor();
    // Five eighths a scene, one page a day: a scene a day, the scene without pages riding along.
    await breaking.getByLabel('Pages per day').fill('1');
    await breaking.getByRole('button', { name: 'Insert day breaks' }).click();
    await eventually(
      async () => (await dayHeadings(b)).length === 5,
      'five days on the other board',
    );
    expect(await shownOn(b, 'd1')).toEqual(['s2']);
    expect(await shownOn(b, 'd2')).toEqual(['s1']);
    await a.getByRole('button', { name: 'Undo' }).click();
    await seenBy(b, before, 'the day breaks undone in one step');
    expect((await dayHeadings(b)).length).toBe(2);
  });

  it('opens on the shoot day a calendar view links to, its first strip in hand', async () => {
    const { alice: a } = pages;
    await a.goto(`${url}/calendars/${calendarId}?view=week&date=2027-01-12`);
    await a
      .getByRole('link', { name: /Day 2 of 2.*open on the stripboard/ })
      .first()
      .click();
    await a.waitForURL(`${url}/calendars/${calendarId}/board?day=d2`);
    await eventually(
      () => strip(a, 't2').evaluate((row) => row === document.activeElement),
      'the linked day’s first strip focused',
    );
    await expect(a.locator('[data-day-id="d2"]').getAttribute('class')).resolves.toContain(
      'linked',
    );
  });

  it('saves a version, and comparing it marks the strips moved since', async () => {
    const { alice: a } = pages;
    await a.getByRole('button', { name: 'Versions' }).click();
    const panel = a.getByRole('dialog', { name: 'Versions' });
    await panel.getByLabel('Name').fill('White draft');
    await panel.getByRole('button', { name: 'Save version' }).click();
    await panel.getByRole('list', { name: 'Saved versions' }).getByText('White draft').waitFor();
    await a.keyboard.press('Escape');

    // A comparison lists strips moved to another day.
    await strip(a, 't2').click();
    await a.keyboard.press('Alt+Shift+ArrowUp');
    await seenBy(pages.bob, { d2: ['x'] }, 'the move after the version');
    await a.getByRole('button', { name: 'Versions' }).click();
    // The comparison reads what the server has stored, a moment after the move.
    await eventually(async () => {
      await panel.getByRole('button', { name: 'Compare with current' }).first().click();
      return (await strip(a, 't2').getAttribute('class'))?.includes('moved') ?? false;
    }, 't2 marked as moved since the version');
    await a.keyboard.press('Escape');
    await a.getByText(/1 strip moved to another day since the version/).waitFor();
    await a.getByRole('button', { name: 'Unmark' }).click();
    await expect(a.locator('.strip.moved').count()).resolves.toBe(0);
  });

  it('restores a version on both boards, and undoing the restore brings the later board back', async () => {
    const { alice: a, bob: b } = pages;
    const days = ['d1', 'd2', POOL_DAY_ID];
    const layoutOf = async (page: Page) =>
      Object.fromEntries(
        await Promise.all(days.map(async (day) => [day, await shownOn(page, day)])),
      );
    /** Whether the server's stored schedule (what a version or restore reads) has the strip on `dayId`. */
    const storedOn = (stripId: string, dayId: string) =>
      a.evaluate(
        async ([calendar, id, day]) => {
          const response = await fetch(`/api/calendars/${calendar}/document`);
          const { document } = (await response.json()) as {
            document: { strips: { id: string; dayId: string | null }[] };
          };
          return (document.strips.find((s) => s.id === id)?.dayId ?? '') === day;
        },
        [calendarId, stripId, dayId] as const,
      );

    const saved = await layoutOf(a);
    await a.getByRole('button', { name: 'Versions' }).click();
    const panel = a.getByRole('dialog', { name: 'Versions' });
    await panel.getByLabel('Name').fill('Blue revision');
    await panel.getByRole('button', { name: 'Save version' }).click();
    const listed = panel
      .getByRole('list', { name: 'Saved versions' })
      .getByRole('listitem')
      .filter({ hasText: 'Blue revision' });
    await listed.waitFor();
    await a.keyboard.press('Escape');

    // A move after the version, stored before the restore reads the schedule.
    const moved = saved.d2![0]!;
    await strip(a, moved).click();
    await a.keyboard.press('Alt+Shift+ArrowUp');
    await eventually(async () => (await shownOn(a, 'd1')).includes(moved), 'the move on the board');
    const later = await layoutOf(a);
    await seenBy(b, later, 'the move on the other board');
    await eventually(() => storedOn(moved, 'd1'), 'the move stored');

    await a.getByRole('button', { name: 'Versions' }).click();
    await listed.getByRole('button', { name: 'Restore' }).click();
    await a.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
    await seenBy(a, saved, 'the restored board');
    await seenBy(b, saved, 'the restored board on the other board');

    await panel.getByRole('button', { name: 'Undo restore' }).click();
    await seenBy(a, later, 'the board before the restore');
    await seenBy(b, later, 'the board before the restore on the other board');
    await a.keyboard.press('Escape');
  });

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
