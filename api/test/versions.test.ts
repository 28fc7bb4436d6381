import { gunzipSync } from 'node:zlib';
import { appendCalendarUpdates, loadCalendarDocument } from '@callboard/db';
import {
  createShootDay,
  initialiseMeta,
  insertStrip,
  moveStrips,
  readScheduleDocument,
  updateStrip,
} from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addTestMember,
  apiRequest,
  createTestCalendar,
  createTestProject,
  registerTestUser,
} from '../src/testing/index.js';
import { json, startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest({ VERSIONS_KEEP_AUTOMATIC: '3' });

interface VersionBody {
  id: string;
  name: string;
  colour: string | null;
  automatic: boolean;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  stateVector: string;
}

describe.skipIf(!api)('document and version routes', () => {
  const { app, test } = api!;
  const sql = test.platform.database.sql;

  /** A production with crew, and a schedule written to the log as the relay writes it. */
  async function production() {
    const owner = await registerTestUser(app, { name: 'Olive Owner' });
    const editor = await registerTestUser(app);
    const viewer = await registerTestUser(app);
    const stranger = await registerTestUser(app);
    const project = await createTestProject(app, owner);
    await addTestMember(app, owner, project.id, editor, 'editor');
    await addTestMember(app, owner, project.id, viewer, 'viewer');
    const calendar = await createTestCalendar(app, owner, project.id);
    const doc = new Y.Doc();
    const edit = async (change: (doc: Y.Doc) => void) => {
      const before = Y.encodeStateVector(doc);
      change(doc);
      await appendCalendarUpdates(sql, [
        { calendarId: calendar.id, update: Y.encodeStateAsUpdate(doc, before) },
      ]);
    };
    let day1 = '';
    let day2 = '';
    let strip = '';
    await edit((d) => {
      initialiseMeta(d, { name: 'Main unit', timezone: 'Europe/London' });
      day1 = createShootDay(d, { date: '2027-03-01' });
      day2 = createShootDay(d, { date: '2027-03-02' });
      strip = insertStrip(d, { scene: '12', eighths: 11 }, { dayId: day1 })!;
    });
    return { owner, editor, viewer, stranger, calendar, doc, edit, day1, day2, strip };
  }

  const documentOf = async (calendarId: string, cookie: string) =>
    apiRequest(app, 'GET', `/api/calendars/${calendarId}/document`, { cookie });

  it('reads the current schedule from the log, by the documented schema, for every member', async () => {
    const { owner, viewer, stranger, calendar, doc, strip, day1 } = await production();
    const response = await documentOf(calendar.id, viewer.cookie);
    expect(response.status).toBe(200);
    const { document } = await json<{ document: ReturnType<typeof readScheduleDocument> }>(
      response,
    );
    expect(document).toEqual(JSON.parse(JSON.stringify(readScheduleDocument(doc))));
    expect(document.strips).toEqual([
      expect.objectContaining({ id: strip, scene: '12', eighths: 11, dayId: day1 }),
    ]);
    expect((await documentOf(calendar.id, owner.cookie)).status).toBe(200);
    const refused = await documentOf(calendar.id, stranger.cookie);
    expect(refused.status).toBe(404);
    expect(await json(refused)).toMatchObject({ error: { code: 'not_found' } });
  });

  it('answers 304 to a client holding the current version, and gzip when asked', async () => {
    const { viewer, calendar, edit, strip } = await production();
    const first = await documentOf(calendar.id, viewer.cookie);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const plain = await first.text();

    const unchanged = await apiRequest(app, 'GET', `/api/calendars/${calendar.id}/document`, {
      cookie: viewer.cookie,
      headers: { 'if-none-match': etag },
    });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    const zipped = await apiRequest(app, 'GET', `/api/calendars/${calendar.id}/document`, {
      cookie: viewer.cookie,
      headers: { 'accept-encoding': 'br;q=1, gzip;q=0.8' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(zipped.headers.get('etag')).toBe(etag);
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toBe(plain);
    const refusedGzip = await apiRequest(app, 'GET', `/api/calendars/${calendar.id}/document`, {
      cookie: viewer.cookie,
      headers: { 'accept-encoding': 'gzip;q=0' },
    });
    expect(refusedGzip.headers.get('content-encoding')).toBeNull();

    await edit((d) => updateStrip(d, strip, { scene: '12A' }));
    const changed = await apiRequest(app, 'GET', `/api/calendars/${calendar.id}/document`, {
      cookie: viewer.cookie,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(
      (await json<{ document: { strips: { scene: string }[] } }>(changed)).document.strips[0]!
        .scene,
    ).toBe('12A');
  });

  it('saves, lists newest first, reads, compares and deletes versions', async () => {
    const { owner, editor, calendar, edit, strip, day2 } = await production();
    const versions = `/api/calendars/${calendar.id}/versions`;
    const white = await apiRequest(app, 'POST', versions, {
      cookie: editor.cookie,
      body: { name: 'White draft', colour: 'white' },
    });
    expect(white.status).toBe(201);
    const { version: first } = await json<{ version: VersionBody }>(white);
    expect(first).toMatchObject({
      name: 'White draft',
      colour: 'white',
      automatic: false,
      createdBy: { id: editor.user.id },
    });
    expect(Buffer.from(first.stateVector, 'base64').byteLength).toBeGreaterThan(0);

    await edit((d) => moveStrips(d, [strip], { dayId: day2 }));
    const blue = await json<{ version: VersionBody }>(
      await apiRequest(app, 'POST', versions, {
        cookie: owner.cookie,
        body: { name: 'Blue revision', colour: 'blue' },
      }),
    );

    const list = await json<{ versions: VersionBody[] }>(
      await apiRequest(app, 'GET', versions, { cookie: owner.cookie }),
    );
    expect(list.versions.map((v) => v.name)).toEqual(['Blue revision', 'White draft']);

    const read = await json<{ version: VersionBody; document: { strips: { dayId: string }[] } }>(
      await apiRequest(app, 'GET', `/api/versions/${first.id}`, { cookie: owner.cookie }),
    );
    expect(read.version.id).toBe(first.id);
    expect(read.document.strips[0]!.dayId).not.toBe(day2);

    const diff = await json<{
      diff: { strips: { moved: { id: string; to: { day: { number: number } } }[] } };
    }>(
      await apiRequest(app, 'GET', `/api/versions/${first.id}/diff?to=${blue.version.id}`, {
        cookie: owner.cookie,
      }),
    );
    expect(diff.diff.strips.moved).toEqual([
      expect.objectContaining({
        id: strip,
        to: expect.objectContaining({ day: expect.objectContaining({ number: 2 }) }),
      }),
    ]);
    const toCurrent = await apiRequest(app, 'GET', `/api/versions/${blue.version.id}/diff`, {
      cookie: owner.cookie,
    });
    expect(
      (await json<{ diff: { strips: { moved: unknown[] } } }>(toCurrent)).diff.strips.moved,
    ).toEqual([]);

    const deleted = await apiRequest(app, 'DELETE', `/api/versions/${first.id}`, {
      cookie: owner.cookie,
    });
    expect(deleted.status).toBe(204);
    expect(
      (await apiRequest(app, 'GET', `/api/versions/${first.id}`, { cookie: owner.cookie })).status,
    ).toBe(404);
  });

  it('restores a version as a new change in the log and keeps the state before as an automatic version', async () => {
    const { owner, calendar, edit, strip, day1, day2 } = await production();
    const saved = await json<{ version: VersionBody }>(
      await apiRequest(app, 'POST', `/api/calendars/${calendar.id}/versions`, {
        cookie: owner.cookie,
        body: { name: 'Before the swap' },
      }),
    );
    await edit((d) => moveStrips(d, [strip], { dayId: day2 }));
    const logBefore = (await loadCalendarDocument(sql, calendar.id)).updates.length;

    const restored = await apiRequest(app, 'POST', `/api/versions/${saved.version.id}/restore`, {
      cookie: owner.cookie,
    });
    expect(restored.status).toBe(200);
    const body = await json<{ restored: VersionBody; before: VersionBody }>(restored);
    expect(body.before).toMatchObject({
      automatic: true,
      name: 'Before restoring “Before the swap”',
    });

    // A new change appended, nothing rewritten.
    const stored = await loadCalendarDocument(sql, calendar.id);
    expect(stored.updates.length).toBe(logBefore + 1);
    const current = await json<{ document: { strips: { id: string; dayId: string }[] } }>(
      await documentOf(calendar.id, owner.cookie),
    );
    expect(current.document.strips.find((s) => s.id === strip)!.dayId).toBe(day1);

    // Restoring the automatic version undoes the restore.
    await apiRequest(app, 'POST', `/api/versions/${body.before.id}/restore`, {
      cookie: owner.cookie,
    });
    const undone = await json<{ document: { strips: { id: string; dayId: string }[] } }>(
      await documentOf(calendar.id, owner.cookie),
    );
    expect(undone.document.strips.find((s) => s.id === strip)!.dayId).toBe(day2);
  });

  it('keeps a bounded number of automatic versions', async () => {
    const { owner, calendar } = await production();
    const saved = await json<{ version: VersionBody }>(
      await apiRequest(app, 'POST', `/api/calendars/${calendar.id}/versions`, {
        cookie: owner.cookie,
        body: { name: 'Kept' },
      }),
    );
    for (let i = 0; i < 4; i += 1)
      await apiRequest(app, 'POST', `/api/versions/${saved.version.id}/restore`, {
        cookie: owner.cookie,
      });
    const { versions } = await json<{ versions: VersionBody[] }>(
      await apiRequest(app, 'GET', `/api/calendars/${calendar.id}/versions`, {
        cookie: owner.cookie,
      }),
    );
    // VERSIONS_KEEP_AUTOMATIC is 3 in this file.
    expect(versions.filter((v) => v.automatic)).toHaveLength(3);
    expect(versions.filter((v) => !v.automatic).map((v) => v.name)).toEqual(['Kept']);
  });

  it('lets viewers read and list but not save, restore or delete; strangers get 404', async () => {
    const { owner, viewer, editor, stranger, calendar } = await production();
    const versions = `/api/calendars/${calendar.id}/versions`;
    const saved = await json<{ version: VersionBody }>(
      await apiRequest(app, 'POST', versions, { cookie: owner.cookie, body: { name: 'Pink' } }),
    );
    const id = saved.version.id;
    expect((await apiRequest(app, 'GET', versions, { cookie: viewer.cookie })).status).toBe(200);
    expect(
      (await apiRequest(app, 'GET', `/api/versions/${id}`, { cookie: viewer.cookie })).status,
    ).toBe(200);
    for (const [method, path] of [
      ['POST', versions],
      ['POST', `/api/versions/${id}/restore`],
      ['DELETE', `/api/versions/${id}`],
    ] as const) {
      const response = await apiRequest(app, method, path, {
        cookie: viewer.cookie,
        body: method === 'POST' && path === versions ? { name: 'x' } : undefined,
      });
      expect([path, response.status]).toEqual([path, 403]);
      expect(await json(response)).toMatchObject({ error: { code: 'forbidden' } });
    }
    expect(
      (await apiRequest(app, 'DELETE', `/api/versions/${id}`, { cookie: editor.cookie })).status,
    ).toBe(403);
    for (const [method, path] of [
      ['GET', versions],
      ['GET', `/api/versions/${id}`],
      ['GET', `/api/versions/${id}/diff`],
      ['POST', `/api/versions/${id}/restore`],
      ['DELETE', `/api/versions/${id}`],
    ] as const) {
      const response = await apiRequest(app, method, path, { cookie: stranger.cookie });
      expect([path, response.status]).toEqual([path, 404]);
    }
  });

  it('refuses bad bodies and queries with 400 in the error shape', async () => {
    const { owner, calendar } = await production();
    const versions = `/api/calendars/${calendar.id}/versions`;
    for (const body of [
      {},
      { name: '' },
      { name: 'x', colour: 'mauve' },
      { name: 'x', extra: 1 },
    ]) {
      const response = await apiRequest(app, 'POST', versions, { cookie: owner.cookie, body });
      expect(response.status).toBe(400);
      expect(await json(response)).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const saved = await json<{ version: VersionBody }>(
      await apiRequest(app, 'POST', versions, { cookie: owner.cookie, body: { name: 'Yellow' } }),
    );
    const badQuery = await apiRequest(
      app,
      'GET',
      `/api/versions/${saved.version.id}/diff?to=yesterday`,
      {
        cookie: owner.cookie,
      },
    );
    expect(badQuery.status).toBe(400);
    const otherCalendar = await createTestCalendar(app, owner, calendar.projectId);
    const other = await json<{ version: VersionBody }>(
      await apiRequest(app, 'POST', `/api/calendars/${otherCalendar.id}/versions`, {
        cookie: owner.cookie,
        body: { name: 'Elsewhere' },
      }),
    );
    const across = await apiRequest(
      app,
      'GET',
      `/api/versions/${saved.version.id}/diff?to=${other.version.id}`,
      { cookie: owner.cookie },
    );
    expect(across.status).toBe(404);
  });
});
