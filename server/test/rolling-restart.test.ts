import {
  addTestMember,
  createTestCalendar,
  createTestProject,
  registerTestUser,
  TEST_ORIGIN,
  type TestUser,
} from '@callboard/api/testing';
import { loadCalendarDocument } from '@callboard/db';
import { createTestDatabase, createTestRedis, freePort, waitFor } from '@callboard/db/testing';
import { createEvent, eventsMap } from '@callboard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  entries,
  openCalendar,
  remoteApp,
  startServer,
  type CalendarClient,
  type ServerProcess,
} from '../src/testing/index.js';
import { startTcpBalancer, type TcpBalancer } from './support/tcp-balancer.js';

const testDatabase = await createTestDatabase();
const testRedis = testDatabase ? await createTestRedis() : null;

const CLIENTS = 20;
// Each y-websocket provider in Node listens for the process's exit.
process.setMaxListeners(CLIENTS + 10);
/** Each client edits every 200 ms for 20 s. */
const EDITS_PER_CLIENT = 100;
const EDIT_INTERVAL_MS = 200;

interface Edit {
  id: string;
  sentAt: number;
}

/** One editing client: it adds an event every interval until told to stop. */
function startEditing(client: CalendarClient, who: number, edits: Edit[]) {
  let made = 0;
  const timer = setInterval(() => {
    if (made === EDITS_PER_CLIENT) return clearInterval(timer);
    const day = String(1 + (made % 28)).padStart(2, '0');
    const id = createEvent(client.doc, {
      title: `Client ${who} edit ${made}`,
      kind: 'shoot',
      start: `2027-02-${day}T08:00`,
      end: `2027-02-${day}T09:00`,
      allDay: false,
      location: '',
      notes: '',
    });
    edits.push({ id, sentAt: Date.now() });
    made += 1;
  }, EDIT_INTERVAL_MS);
  return () => clearInterval(timer);
}

describe.skipIf(!testDatabase || !testRedis)('restarting each realtime process in turn', () => {
  const env = {
    DATABASE_URL: testDatabase?.url ?? '',
    REDIS_URL: testRedis?.url ?? '',
    REDIS_PREFIX: testRedis?.prefix ?? '',
    PUBLIC_URL: TEST_ORIGIN,
    API_RATE_LIMIT_PER_MINUTE: '100000',
  };
  let api: ServerProcess;
  const ports: number[] = [];
  const realtime: ServerProcess[] = [];
  let balancer: TcpBalancer;
  let users: TestUser[];
  let projectId: string;

  beforeAll(async () => {
    api = await startServer(env, entries.api);
    ports.push(await freePort(), await freePort());
    // One after the other: both migrate the same database at start.
    for (const port of ports)
      realtime.push(await startServer({ ...env, PORT: String(port) }, entries.realtime));
    balancer = await startTcpBalancer(ports);
    const app = remoteApp(api.url);
    users = [await registerTestUser(app), await registerTestUser(app)];
    projectId = (await createTestProject(app, users[0]!)).id;
    await addTestMember(app, users[0]!, projectId, users[1]!, 'editor');
  }, 180_000);

  afterAll(async () => {
    await balancer?.close();
    await Promise.all([api, ...realtime].map((process) => process?.stop()));
    await testDatabase?.drop();
  });

  /**
   * Twenty clients edit one calendar through the balancer while each realtime process in turn
   * gets `signal` and is started again on its port. Returns what the clients sent, when each
   * process was stopped, and the clients, still open.
   */
  async function editThroughRestarts(signal: NodeJS.Signals) {
    const calendarId = (await createTestCalendar(remoteApp(api.url), users[0]!, projectId)).id;
    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      openCalendar(balancer.url, calendarId, users[i % 2]!.cookie, { maxBackoffMs: 200 }),
    );
    await waitFor(() => clients.every((c) => c.provider.synced), 'every client to sync', 30_000);
    expect(ports.map((port) => balancer.openTo(port) > 0)).toEqual([true, true]);

    const edits: Edit[] = [];
    const stops = clients.map((client, who) => startEditing(client, who, edits));
    const stoppedAt: number[] = [];
    const total = CLIENTS * EDITS_PER_CLIENT;
    for (const [index, share] of [
      [0, 0.2],
      [1, 0.6],
    ] as const) {
      await waitFor(() => edits.length >= total * share, `${share * 100}% of the edits`, 30_000);
      // Clients that moved off the other process while it restarted may all sit on this one's
      // sibling; wait until this one serves some, so that its stop matters.
      await waitFor(() => balancer.openTo(ports[index]!) > 0, 'clients on the process', 30_000);
      stoppedAt.push(Date.now());
      let exitCode: number | null | undefined;
      void realtime[index]!.stop(signal).then((code) => (exitCode = code));
      // SIGTERM drains within 10 s (the compose file's grace period is 15 s).
      await waitFor(() => exitCode !== undefined, 'the process to exit', 10_000);
      if (signal === 'SIGTERM') expect(exitCode).toBe(0);
      realtime[index] = await startServer(
        { ...env, PORT: String(ports[index]!) },
        entries.realtime,
      );
    }
    await waitFor(() => edits.length === total, 'every edit to be made', 60_000);
    for (const stop of stops) stop();
    return { calendarId, clients, edits, stoppedAt };
  }

  /** Waits until every client holds every event and Postgres holds those of `mustBeStored`. */
  async function expectConvergedAndStored(
    calendarId: string,
    clients: CalendarClient[],
    edits: Edit[],
    mustBeStored: Edit[],
  ) {
    await waitFor(
      () => clients.every((c) => c.provider.wsconnected && c.provider.synced),
      'every client to reconnect',
      30_000,
    );
    await waitFor(
      () => clients.every((c) => eventsMap(c.doc).size === edits.length),
      'every client to hold every edit',
      30_000,
    );
    const ids = edits.map((e) => e.id).sort();
    for (const client of clients) expect([...eventsMap(client.doc).keys()].sort()).toEqual(ids);

    let stored = new Set<string>();
    await waitFor(
      async () => {
        const document = await loadCalendarDocument(testDatabase!.sql, calendarId);
        const doc = new Y.Doc();
        if (document.snapshot) Y.applyUpdate(doc, document.snapshot.state);
        for (const row of document.updates) Y.applyUpdate(doc, row.update);
        stored = new Set(eventsMap(doc).keys());
        doc.destroy();
        return mustBeStored.every((edit) => stored.has(edit.id));
      },
      'the edits to be in Postgres',
      30_000,
    ).catch(() => undefined);
    expect(mustBeStored.filter((edit) => !stored.has(edit.id))).toEqual([]);
    return stored;
  }

  it('after SIGTERM: every client reconnects, all converge, every edit is in Postgres', async () => {
    const { calendarId, clients, edits } = await editThroughRestarts('SIGTERM');
    try {
      // Each drain closed its sockets with 1001 (going away), so clients moved to the other.
      expect(clients.some((c) => c.closeCodes.includes(1001))).toBe(true);
      await expectConvergedAndStored(calendarId, clients, edits, edits);
    } finally {
      for (const client of clients) client.close();
    }
  }, 180_000);

  it('after kill -9: every edit sent over 1 s before a kill is in Postgres once clients reconnect', async () => {
    const { calendarId, clients, edits, stoppedAt } = await editThroughRestarts('SIGKILL');
    try {
      const lastKill = Math.max(...stoppedAt);
      const beforeKills = edits.filter((edit) => edit.sentAt < lastKill - 1000);
      expect(beforeKills.length).toBeGreaterThan(0);
      const stored = await expectConvergedAndStored(calendarId, clients, edits, beforeKills);
      // The clients resend what a killed process had not written, so in fact nothing is lost.
      expect(edits.filter((edit) => !stored.has(edit.id))).toEqual([]);
    } finally {
      for (const client of clients) client.close();
    }
  }, 180_000);
});
