import {
  addTestMember,
  apiRequest,
  createTestCalendar,
  createTestProject,
  registerTestUser,
  type TestUser,
} from '@callboard/api/testing';
import { createTestDatabase, createTestRedis, waitFor } from '@callboard/db/testing';
import {
  createShootDay,
  initialiseMeta,
  insertStrip,
  moveStrips,
  readScheduleDocument,
  readStrips,
  updateStrip,
} from '@callboard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { startRealtimeInstance, type RealtimeInstance } from './support/socket-io-test-server.js';
import { connectYjsClient, waitForSync, type YjsTestClient } from './support/yjs-test-client.js';

// Two whole instances (API, /yjs and socket.io each) on one database and one Redis, as
// production runs behind its proxy: versions are read and restored through either.
const testDatabase = await createTestDatabase();
const redis = testDatabase ? await createTestRedis() : null;

describe.skipIf(!testDatabase || !redis)('versions of a schedule being edited live', () => {
  const instances: RealtimeInstance[] = [];
  const clients: YjsTestClient[] = [];
  let owner: TestUser;
  let editor: TestUser;

  beforeAll(async () => {
    for (let i = 0; i < 2; i += 1)
      instances.push(
        await startRealtimeInstance({
          databaseUrl: testDatabase!.url,
          redis: redis!,
          // The restore must reach the relays through the document-log message, not the timer.
          env: { REALTIME_CATCH_UP_INTERVAL_MS: '600000' },
        }),
      );
    const app = instances[0]!.api;
    owner = await registerTestUser(app);
    editor = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, editor, 'editor');
    projectId = project.id;
  });
  let projectId = '';

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await Promise.all(instances.map((instance) => instance.close()));
    await testDatabase?.drop();
  });

  function connect(instance: RealtimeInstance, calendarId: string, user: TestUser) {
    const client = connectYjsClient(`${instance.url.replace('http', 'ws')}/yjs`, calendarId, {
      cookie: user.cookie,
    });
    clients.push(client);
    return client;
  }

  async function documentOf(instance: RealtimeInstance, calendarId: string) {
    const response = await apiRequest(
      instance.api,
      'GET',
      `/api/calendars/${calendarId}/document`,
      {
        cookie: owner.cookie,
      },
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { document: ReturnType<typeof readScheduleDocument> })
      .document;
  }

  const scheduleJson = (doc: Y.Doc) => JSON.parse(JSON.stringify(readScheduleDocument(doc)));

  it('answers an edit made through either instance in the document route of both', async () => {
    const calendar = await createTestCalendar(instances[0]!.api, owner, projectId);
    const [one, two] = [
      connect(instances[0]!, calendar.id, editor),
      connect(instances[1]!, calendar.id, owner),
    ];
    await Promise.all([waitForSync(one), waitForSync(two)]);
    initialiseMeta(one.doc, { name: 'Main unit', timezone: 'Europe/London' });
    const day = createShootDay(one.doc, { date: '2027-04-01' });
    const viaOne = insertStrip(one.doc, { scene: '1' }, { dayId: day })!;
    const viaTwo = insertStrip(two.doc, { scene: '2' }, { dayId: '' })!;
    for (const instance of instances) {
      await waitFor(async () => {
        const ids = (await documentOf(instance, calendar.id)).strips.map((s) => s.id);
        return ids.includes(viaOne) && ids.includes(viaTwo);
      }, 'both edits in the document route');
    }
  });

  it('restores while two clients are connected and one is offline with pending edits; all merge', async () => {
    const calendar = await createTestCalendar(instances[0]!.api, owner, projectId);
    const [a, b] = [
      connect(instances[0]!, calendar.id, editor),
      connect(instances[1]!, calendar.id, owner),
    ];
    const offline = connect(instances[1]!, calendar.id, editor);
    await Promise.all([waitForSync(a), waitForSync(b), waitForSync(offline)]);
    initialiseMeta(a.doc, { name: 'Main unit', timezone: 'Europe/London' });
    const day1 = createShootDay(a.doc, { date: '2027-04-01' });
    const day2 = createShootDay(a.doc, { date: '2027-04-02' });
    const scenes = ['1', '2', '3', '4'].map((scene) =>
      insertStrip(a.doc, { scene }, { dayId: day1 })!,
    );
    await waitFor(
      async () => (await documentOf(instances[1]!, calendar.id)).strips.length === 4,
      'the schedule to be stored',
    );
    const saved = await apiRequest(
      instances[0]!.api,
      'POST',
      `/api/calendars/${calendar.id}/versions`,
      {
        cookie: owner.cookie,
        body: { name: 'White', colour: 'white' },
      },
    );
    const { version } = (await saved.json()) as { version: { id: string } };

    // A bad afternoon of dragging, stored; and an editor loses signal with edits of their own.
    moveStrips(a.doc, scenes.slice(0, 3), { dayId: day2 });
    await waitFor(
      async () =>
        (await documentOf(instances[0]!, calendar.id)).strips.filter((s) => s.dayId === day2)
          .length === 3,
      'the moves to be stored',
    );
    await waitFor(
      () => readStrips(offline.doc).filter((s) => s.dayId === day2).length === 3,
      'the offline client to have the moves',
    );
    offline.provider.disconnect();
    updateStrip(offline.doc, scenes[3]!, { synopsis: 'Written on set without signal' });
    const addedOffline = insertStrip(offline.doc, { scene: '5' }, { dayId: day1 })!;

    const restored = await apiRequest(
      instances[1]!.api,
      'POST',
      `/api/versions/${version.id}/restore`,
      {
        cookie: owner.cookie,
      },
    );
    expect(restored.status).toBe(200);
    for (const client of [a, b]) {
      await waitFor(
        () => readStrips(client.doc).every((s) => s.dayId === day1),
        'a connected client to show the restored board',
      );
    }

    offline.provider.connect();
    await waitForSync(offline);
    for (const client of [a, b, offline]) {
      await waitFor(() => {
        const strips = readStrips(client.doc);
        return (
          strips.some((s) => s.id === addedOffline) &&
          strips.find((s) => s.id === scenes[3])!.synopsis === 'Written on set without signal'
        );
      }, 'the offline edits to merge everywhere');
    }
    await waitFor(
      () =>
        JSON.stringify(scheduleJson(a.doc)) === JSON.stringify(scheduleJson(b.doc)) &&
        JSON.stringify(scheduleJson(b.doc)) === JSON.stringify(scheduleJson(offline.doc)),
      'every client to converge',
    );
    const strips = readStrips(a.doc);
    expect(strips.map((s) => s.scene).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(new Set(strips.map((s) => s.id)).size).toBe(strips.length);
    expect(strips.filter((s) => s.dayId === day2)).toEqual([]);
    await waitFor(
      async () =>
        JSON.stringify((await documentOf(instances[0]!, calendar.id)).strips) ===
        JSON.stringify(scheduleJson(a.doc).strips),
      'the stored document to match the clients',
    );
  });
});
