import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
  CLOSE_CODES,
  createEvent,
  createShootDay,
  insertStrip,
  deleteEvent,
  describeLostEdit,
  readEvents,
} from '@callboard/domain';
import { unsyncedCalendars } from '$lib/auth/offline-copies';
import { sceneOne } from '../../../test/support/calendar-event.fixture';
import { stubBrowser, type TestBrowser } from '../../../test/support/test-browser';
import { YjsTestRelay } from '../../../test/support/yjs-test-relay';
import { CalendarSession } from './calendar-session.svelte';
import { connectionStatus } from './connection-status';

const calendar = { name: 'Main unit', timezone: 'Europe/London' };

// Reconnecting backs off up to 2.5 s between tries (y-websocket's default).
vi.setConfig({ testTimeout: 20_000 });
/** Polls until the assertion holds, with a deadline; the session settles over sockets and timers. */
const until = (assertion: () => void) => vi.waitFor(assertion, { timeout: 10_000, interval: 20 });

let relay: YjsTestRelay;
let browser: TestBrowser;
const opened: CalendarSession[] = [];

beforeEach(async () => {
  relay = await YjsTestRelay.start();
  browser = stubBrowser(relay.origin);
});

afterEach(async () => {
  for (const session of opened.splice(0)) session.destroy();
  await relay.close();
  vi.unstubAllGlobals();
});

function open({ readOnly = false, calendarId = randomUUID() } = {}): CalendarSession {
  const session = new CalendarSession(calendarId, { id: 'u-ada', name: 'Ada' }, calendar, readOnly);
  opened.push(session);
  return session;
}

/** The words of the connection indicator, as the calendar page shows them for the session. */
const indicator = (session: CalendarSession) => connectionStatus(session.state).label;
/** The "not saved" list of the sync notices, as the user reads it. */
const unsavedList = (session: CalendarSession) => session.notices.unsaved.map(describeLostEdit);
const titlesOnScreen = (session: CalendarSession) => session.events.map((event) => event.title);
const serverTitles = () => readEvents(relay.doc).map((event) => event.title);

async function openSaved(options?: Parameters<typeof open>[0]): Promise<CalendarSession> {
  const session = open(options);
  await until(() => expect(indicator(session)).toBe('All changes saved'));
  return session;
}

/** Adds an event and waits until the relay holds it. */
async function createSaved(session: CalendarSession, fields = sceneOne): Promise<string> {
  const id = session.create(fields);
  await until(() => expect(relay.hasAllOf(session.doc)).toBe(true));
  return id;
}

describe('connecting', () => {
  test('shows connecting until the first sync, then all changes saved', async () => {
    const session = open();
    expect(indicator(session)).toBe('Connecting…');

    await until(() => expect(indicator(session)).toBe('All changes saved'));
    expect(session.readOnly).toBe(false);
    expect(session.closedReason).toBeNull();
    await until(() => expect(relay.hasAllOf(session.doc)).toBe(true));
  });

  test('shows saving while an edit is on its way, and all changes saved once it is', async () => {
    const session = await openSaved();

    session.create(sceneOne);
    expect(indicator(session)).toBe('Connected · saving');

    await until(() => expect(indicator(session)).toBe('All changes saved'));
    await until(() => expect(serverTitles()).toEqual([sceneOne.title]));
  });
});

describe('losing the connection', () => {
  test.each([
    ['the server goes away (1001)', () => relay.closeAll(CLOSE_CODES.goingAway)],
    ['the connection drops (1006)', () => relay.dropAll()],
  ])('shows connecting when %s, and saves again once reconnected', async (_case, lose) => {
    const session = await openSaved();
    relay.hold();

    lose();
    await until(() => expect(indicator(session)).toBe('Connecting…'));
    session.create(sceneOne);
    expect(indicator(session)).toBe('Connecting…');
    expect(session.closedReason).toBeNull();

    relay.release();
    await until(() => expect(indicator(session)).toBe('All changes saved'));
    await until(() => expect(serverTitles()).toEqual([sceneOne.title]));
  });

  test('keeps retrying while the server is down, and saves what was edited meanwhile', async () => {
    const session = await openSaved();

    await relay.close();
    await until(() => expect(indicator(session)).toBe('Connecting…'));
    session.create(sceneOne);
    expect(unsyncedCalendars()).toEqual([calendar.name]);

    await relay.listen();
    await until(() => expect(indicator(session)).toBe('All changes saved'));
    await until(() => expect(serverTitles()).toEqual([sceneOne.title]));
    expect(unsyncedCalendars()).toEqual([]);
  });

  test('shows offline while the browser is, keeps edits on the device, and saves them back online', async () => {
    const session = await openSaved();

    browser.goOffline();
    expect(indicator(session)).toBe('Offline · edits kept on this device');
    await until(() => expect(relay.connections).toBe(0));
    session.create(sceneOne);
    expect(indicator(session)).toBe('Offline · edits kept on this device');
    expect(titlesOnScreen(session)).toEqual([sceneOne.title]);
    expect(unsyncedCalendars()).toEqual([calendar.name]);

    browser.goOnline();
    await until(() => expect(indicator(session)).toBe('All changes saved'));
    await until(() => expect(serverTitles()).toEqual([sceneOne.title]));
    expect(unsyncedCalendars()).toEqual([]);
  });

  test('lists an offline edit to an event that someone else deleted meanwhile', async () => {
    const session = await openSaved();
    const id = await createSaved(session);

    browser.goOffline();
    session.update(id, { location: 'Stage 3' });
    deleteEvent(relay.doc, id);
    browser.goOnline();

    await until(() => expect(session.notices.conflicts).toHaveLength(1));
    expect(describeLostEdit(session.notices.conflicts[0]!.edit)).toBe(
      'Sc. 1 — Kitchen: location (yours: Stage 3): deleted by someone else',
    );
    expect(session.events).toEqual([]);
  });
});

describe('closed for good by the server', () => {
  test.each([
    [CLOSE_CODES.sessionEnded, 'Your session has ended. Sign in again to keep editing.'],
    [CLOSE_CODES.removedFromProject, 'Your access to this project changed. Reload to continue.'],
    [CLOSE_CODES.calendarDeleted, 'This calendar was deleted.'],
  ])('after %i, says why and shows offline, keeping what is on screen', async (code, reason) => {
    const session = await openSaved();
    await createSaved(session);

    relay.closeAll(code);

    await until(() => expect(session.closedReason).toBe(reason));
    await until(() => expect(indicator(session)).toBe('Offline · edits kept on this device'));
    expect(titlesOnScreen(session)).toEqual([sceneOne.title]);
    expect(session.readOnly).toBe(false);
    expect(session.notices.refusal).toBeNull();
  });
});

describe('refused by the server', () => {
  test('after a demotion (4003), turns view-only, says why, and lists the discarded edit', async () => {
    const session = await openSaved();
    const id = await createSaved(session);
    relay.readOnly = true;
    relay.refuseNextUpdate(CLOSE_CODES.demotedToReader);

    session.update(id, { title: 'Sc. 1 — Kitchen, night' });

    await until(() => expect(session.readOnly).toBe(true));
    expect(session.notices.refusal).toBe('Your role is now viewer: changes are no longer saved.');
    await until(() =>
      expect(unsavedList(session)).toEqual([
        'Sc. 1 — Kitchen: title (yours: Sc. 1 — Kitchen, night, kept: Sc. 1 — Kitchen)',
      ]),
    );
    expect(titlesOnScreen(session)).toEqual([sceneOne.title]);
    await until(() => expect(indicator(session)).toBe('All changes saved'));
    expect(session.closedReason).toBeNull();
  });

  test('after a demotion (4003), the refused edit is gone from the device for good', async () => {
    const calendarId = randomUUID();
    const session = await openSaved({ calendarId });
    const id = await createSaved(session);
    relay.readOnly = true;
    relay.refuseNextUpdate(CLOSE_CODES.demotedToReader);
    session.update(id, { title: 'Refused title' });
    await until(() => expect(session.notices.unsaved).toHaveLength(1));
    session.destroy();

    // Promoted again and reopened on the same device: the old copy must not resend the edit.
    relay.readOnly = false;
    const reopened = await openSaved({ calendarId });
    await until(() => expect(reopened.loadedLocally).toBe(true));
    await until(() => expect(relay.hasAllOf(reopened.doc)).toBe(true));

    expect(titlesOnScreen(reopened)).toEqual([sceneOne.title]);
    await until(() => expect(serverTitles()).toEqual([sceneOne.title]));
  });

  test('after a change too large (4413), says so, lists the discarded edit and keeps saving', async () => {
    const session = await openSaved();
    await createSaved(session);
    relay.refuseNextUpdate(CLOSE_CODES.documentLimitExceeded);

    session.create({ ...sceneOne, title: 'Sc. 2 — Garden' });

    await until(() =>
      expect(session.notices.refusal).toBe(
        'Your last change was refused for being too large and was not saved. If you made many changes quickly, wait a minute before the next.',
      ),
    );
    await until(() => expect(unsavedList(session)).toEqual(['Sc. 2 — Garden: the new event']));
    expect(session.readOnly).toBe(false);
    expect(titlesOnScreen(session)).toEqual([sceneOne.title]);
    await until(() => expect(indicator(session)).toBe('All changes saved'));

    await createSaved(session, { ...sceneOne, title: 'Sc. 3 — Street' });
    await until(() => expect(serverTitles()).toEqual([sceneOne.title, 'Sc. 3 — Street']));
  });
});

describe('role changes', () => {
  test('a tab opened as an editor turns view-only when the server does not ask for its state', async () => {
    relay.readOnly = true;
    const session = open();

    await until(() => expect(session.readOnly).toBe(true));
    expect(session.notices.refusal).toBe('Your role is now viewer: changes are no longer saved.');
    await until(() => expect(indicator(session)).toBe('All changes saved'));
  });

  test('a viewer promoted (4000) can edit again once reconnected', async () => {
    relay.readOnly = true;
    createEvent(relay.doc, sceneOne);
    const session = await openSaved({ readOnly: true });
    expect(titlesOnScreen(session)).toEqual([sceneOne.title]);

    relay.readOnly = false;
    relay.closeAll(CLOSE_CODES.roleChanged);

    await until(() => expect(session.readOnly).toBe(false));
    await until(() => expect(indicator(session)).toBe('All changes saved'));
    await createSaved(session, { ...sceneOne, title: 'Sc. 2 — Garden' });
    await until(() => expect(serverTitles()).toEqual([sceneOne.title, 'Sc. 2 — Garden']));
  });
});

describe('shoot days', () => {
  test('numbers each shoot day in its unit and totals its strips, following the document', async () => {
    createShootDay(relay.doc, { date: '2027-01-05' }, 'tuesday');
    const session = await openSaved();
    expect(session.shootDays.get('tuesday')).toMatchObject({ number: 1, of: 1 });

    session.edit(() => createShootDay(session.doc, { date: '2027-01-04' }, 'monday'));
    expect(session.shootDays.get('tuesday')).toMatchObject({ number: 2, of: 2 });
    session.edit(() =>
      insertStrip(session.doc, { kind: 'scene', scene: '1', eighths: 11 }, { dayId: 'tuesday' }),
    );
    expect(session.shootDays.get('tuesday')!.totals).toMatchObject({ eighths: 11, scenes: 1 });
    // Only shoot events are days of the board.
    session.create({ ...sceneOne, kind: 'meeting' });
    expect([...session.shootDays.keys()].sort()).toEqual(['monday', 'tuesday']);
  });
});
