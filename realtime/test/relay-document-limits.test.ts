import { Writable } from 'node:stream';
import {
  CALENDAR_SCHEMA_VERSION,
  createEvent,
  DOCUMENT_LIMIT_CLOSE_CODE,
  DOCUMENT_LIMITS,
  eventsMap,
  initialiseMeta,
  metaMap,
} from '@callboard/domain';
import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FakeAccounts, insertCalendar } from './support/fake-accounts.js';
import { startRelayTestServer, type RelayTestServer } from './support/relay-test-server.js';
import { metricValue, storedDocument } from './support/stored-document.js';
import { unitMove as shoot } from './support/test-event.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const accounts = new FakeAccounts();
const clients: YjsTestClient[] = [];
let server: RelayTestServer;
let logged = '';

beforeAll(async () => {
  if (!testDatabase) return;
  server = await startRelayTestServer({
    databaseUrl: testDatabase.url,
    deps: accounts.deps,
    env: { LOG_LEVEL: 'info' },
    logDestination: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logged += chunk.toString();
        callback();
      },
    }),
  });
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
  await testDatabase?.drop();
});

function connect(calendarId: string, cookie: string, doc?: Y.Doc): YjsTestClient {
  const client = connectYjsClient(server.yjsUrl, calendarId, { cookie, ...(doc ? { doc } : {}) });
  clients.push(client);
  return client;
}

const refusedWithLimitCode = (client: YjsTestClient) =>
  client.closes.some((close) => close.code === DOCUMENT_LIMIT_CLOSE_CODE);

/** The document as JSON (its root names, meta and events by id), leaving out one event. */
function json(doc: Y.Doc, leaveOut = ''): string {
  const events = Object.fromEntries(
    Object.entries(eventsMap(doc).toJSON())
      .filter(([id]) => id !== leaveOut)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  const roots = [...doc.share.keys()].sort();
  return JSON.stringify({ roots, meta: metaMap(doc).toJSON(), events });
}

/**
 * A calendar with meta and one event, an attacking editor and another editor connected to it.
 * `settled` waits for the other editor, a new client and Postgres to hold the same document,
 * with a marker written after the refusal (so the refused update, which came first, would be
 * there too had it been applied), and returns it without the marker.
 */
async function calendarUnderAttack() {
  const calendar = await insertCalendar(testDatabase!.sql);
  const attackerAccount = accounts.signIn('attacker');
  const otherAccount = accounts.signIn('other');
  for (const account of [attackerAccount, otherAccount])
    accounts.grant(account.user.id, { ...calendar, role: 'editor' });
  const attacker = connect(calendar.calendarId, attackerAccount.cookie);
  const other = connect(calendar.calendarId, otherAccount.cookie);
  await Promise.all([waitForSync(attacker), waitForSync(other)]);
  other.doc.transact(() => {
    initialiseMeta(other.doc, { name: 'Main unit', timezone: 'Europe/London' });
    createEvent(other.doc, shoot, 'event-1');
  });
  await waitFor(() => eventsMap(attacker.doc).has('event-1'), 'the attacker to see the event');
  const refusedBefore = await refusals();
  return {
    ...calendar,
    attacker,
    attackerAccount,
    other,
    async expectRefused(): Promise<void> {
      await waitFor(
        () => refusedWithLimitCode(attacker),
        'the attacker to be closed with the document-limit code',
      );
      expect(await refusals()).toBeGreaterThan(refusedBefore);
    },
    /** The document everyone holds once `marker` is in, without the marker. */
    async settled(): Promise<string> {
      const marker = `marker-${Math.random()}`;
      createEvent(other.doc, { ...shoot, title: marker }, marker);
      const fresh = connect(calendar.calendarId, otherAccount.cookie);
      let states: string[] = [];
      // Updates accepted before the refusal may still be on their way to the other editor.
      await waitFor(async () => {
        const stored = await storedDocument(testDatabase!.sql, calendar.calendarId);
        states = [other.doc, fresh.doc, stored].map((doc) => json(doc, marker));
        return (
          eventsMap(fresh.doc).has(marker) &&
          eventsMap(stored).has(marker) &&
          new Set(states).size === 1
        );
      }, 'the other editor, a new client and Postgres to hold the same document');
      fresh.destroy();
      return states[0]!;
    },
  };
}

function refusals(): Promise<number> {
  return metricValue(server.platform.metrics, 'callboard_yjs_updates_refused_total');
}

describe.skipIf(!testDatabase)('document limits on /yjs', () => {
  it('refuses a 900,000-character title before applying it and logs the refusal without it', async () => {
    const calendar = await calendarUnderAttack();
    const before = json(calendar.other.doc);
    eventsMap(calendar.attacker.doc).get('event-1')!.set('title', 'X'.repeat(900_000));
    await calendar.expectRefused();
    expect(await calendar.settled()).toBe(before);
    const entries = logged
      .split('\n')
      .filter((line) => line.includes('"document-limit"'))
      .map((line) => JSON.parse(line) as { level: number });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.level === 40)).toBe(true);
    expect(logged).not.toContain('XXXX');
  });

  it('refuses a 900 KB value under a key newer clients might add', async () => {
    const calendar = await calendarUnderAttack();
    const before = json(calendar.other.doc);
    eventsMap(calendar.attacker.doc)
      .get('event-1')!
      .set('attachment', 'v'.repeat(900 * 1024));
    await calendar.expectRefused();
    expect(await calendar.settled()).toBe(before);
  });

  it('refuses a rewritten meta: a bad schema version and a fake time zone', async () => {
    const calendar = await calendarUnderAttack();
    const before = json(calendar.other.doc);
    calendar.attacker.doc.transact(() => {
      metaMap(calendar.attacker.doc).set('schemaVersion', 'evil');
      metaMap(calendar.attacker.doc).set('timezone', 'Mars/Olympus_Mons');
    });
    await calendar.expectRefused();
    expect(await calendar.settled()).toBe(before);
    expect(metaMap(calendar.other.doc).toJSON()).toEqual({
      schemaVersion: CALENDAR_SCHEMA_VERSION,
      name: 'Main unit',
      timezone: 'Europe/London',
    });
  });

  it('refuses a root type outside the schema', async () => {
    const calendar = await calendarUnderAttack();
    const before = json(calendar.other.doc);
    calendar.attacker.doc.getArray('junk').push(['x']);
    await calendar.expectRefused();
    expect(await calendar.settled()).toBe(before);
    expect(calendar.other.doc.share.has('junk')).toBe(false);
  });

  it('refuses events past the number a calendar holds, from 100,000 keys sent in batches', async () => {
    const calendar = await calendarUnderAttack();
    const batch = 2_000;
    for (let start = 0; start < 100_000; start += batch) {
      calendar.attacker.doc.transact(() => {
        for (let i = start; i < start + batch; i += 1)
          eventsMap(calendar.attacker.doc).set(`k${i}`, new Y.Map());
      });
    }
    await calendar.expectRefused();
    const settled = JSON.parse(await calendar.settled()) as { events: Record<string, unknown> };
    const count = Object.keys(settled.events).length;
    expect(count).toBeLessThanOrEqual(DOCUMENT_LIMITS.events);
    // Whole batches only: the refused one left nothing behind.
    expect((count - 1) % batch).toBe(0);
  });

  it("refuses a burst over the user's bytes per minute, across the user's connections", async () => {
    const calendar = await calendarUnderAttack();
    const second = connect(calendar.calendarId, calendar.attackerAccount.cookie);
    await waitForSync(second);
    const writers = [calendar.attacker, second];
    const ids = Array.from({ length: 25 }, (_, i) => `bulk-${i}`);
    calendar.attacker.doc.transact(() => {
      for (const id of ids) createEvent(calendar.attacker.doc, shoot, id);
    });
    await waitFor(() => ids.every((id) => eventsMap(second.doc).has(id)), 'the bulk events');
    const refused = () => writers.some(refusedWithLimitCode);
    // Each round rewrites 25 full notes (500 KB) from one of the two connections in turn: the
    // document stays small while the user's bytes add up, well past a minute's worth.
    let round = 0;
    for (; round < 40; round += 1) {
      const writer = writers[round % 2]!;
      await waitFor(
        () => refused() || eventsMap(writer.doc).get(ids[0]!)?.get('notes') === noteOf(round - 1),
        'the previous round on both connections',
      );
      if (refused()) break;
      writer.doc.transact(() => {
        for (const id of ids) eventsMap(writer.doc).get(id)!.set('notes', noteOf(round));
      });
    }
    await waitFor(refused, 'one of the connections to be closed');
    const stored = JSON.parse(await calendar.settled()) as {
      events: Record<string, { notes: string }>;
    };
    const refusedRound = round - 1;
    expect(refusedRound * 500_000).toBeGreaterThan(DOCUMENT_LIMITS.userBytesPerMinute * 0.9);
    expect(stored.events[ids[0]!]!.notes).toBe(noteOf(refusedRound - 1));
    expect(
      await metricValue(server.platform.metrics, 'callboard_yjs_updates_refused_total', {
        limit: 'userBytesPerMinute',
      }),
    ).toBe(1);
  });

  it("accepts a client's offline edits sent as its sync step 2 on connect", async () => {
    const calendar = await calendarUnderAttack();
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(calendar.other.doc));
    for (let i = 0; i < 200; i += 1) createEvent(offline, { ...shoot, title: `Offline ${i}` });
    eventsMap(offline).get('event-1')!.set('title', 'Renamed offline');
    const returning = connect(calendar.calendarId, calendar.attackerAccount.cookie, offline);
    await waitFor(() => eventsMap(calendar.other.doc).size === 201, 'the offline edits to arrive');
    expect(eventsMap(calendar.other.doc).get('event-1')!.get('title')).toBe('Renamed offline');
    expect(returning.closes).toEqual([]);
  });
});

function noteOf(round: number): string {
  if (round < 0) return '';
  return String.fromCharCode(97 + (round % 26)).repeat(DOCUMENT_LIMITS.eventNotesLength);
}
