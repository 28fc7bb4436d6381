import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendCalendarUpdates,
  AuditRepository,
  CalendarRepository,
  compactCalendarDocument,
  loadCalendarDocument,
  readCalendarLogSince,
  MembershipRepository,
  openDatabase,
  ProjectRepository,
  SessionRepository,
  UserRepository,
  type Database,
} from '../src/index.js';
import { createTestDatabase } from '../src/testing/index.js';

const testDatabase = await createTestDatabase();
afterAll(() => testDatabase?.drop());

interface OpenedDatabase {
  database: Database;
  dispose(): Promise<void>;
}

async function openEmbedded(): Promise<OpenedDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'callboard-repositories-'));
  const database = await openDatabase({ dataDir });
  await database.migrate();
  return {
    database,
    async dispose() {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<OpenedDatabase> {
  // One connection, as on PGlite, so the reads beside each operation share it.
  const database = await openDatabase({
    url: testDatabase!.url,
    dataDir: '/nonexistent',
    poolSize: 1,
  });
  return { database, dispose: () => database.close() };
}

const bytes = (...values: number[]) => new Uint8Array(values);
const concat = (snapshot: { state: Uint8Array } | null, rows: { update: Uint8Array }[]) =>
  new Uint8Array([...(snapshot?.state ?? []), ...rows.flatMap((row) => [...row.update])]);

/** The same behaviour on every kind of database, each operation beside ten reads in flight. */
function describeRepositories(
  kind: string,
  available: boolean,
  open: () => Promise<OpenedDatabase>,
) {
  describe.skipIf(!available)(`repositories on ${kind}`, () => {
    let opened: OpenedDatabase;
    let database: Database;
    let users: UserRepository;
    let sessions: SessionRepository;
    let projects: ProjectRepository;
    let members: MembershipRepository;
    let calendars: CalendarRepository;
    let audit: AuditRepository;

    beforeAll(async () => {
      opened = await open();
      database = opened.database;
      users = new UserRepository(database.sql);
      sessions = new SessionRepository(database.sql);
      projects = new ProjectRepository(database.sql);
      members = new MembershipRepository(database.sql);
      calendars = new CalendarRepository(database.sql);
      audit = new AuditRepository(database.sql);
    }, 120_000);
    afterAll(() => opened?.dispose());

    /** Runs `work` while ten reads share the connection, then checks the database still answers. */
    async function besideReads<T>(work: () => Promise<T>): Promise<T> {
      // Started at once (not awaited through a repository's async method), so they are queued first.
      const read = () => database.sql`select id from projects where id = ${randomUUID()}`.execute();
      const before = Array.from({ length: 5 }, read);
      const result = work();
      const after = Array.from({ length: 5 }, read);
      const [value] = await Promise.all([result, ...before, ...after]);
      await database.ping();
      return value;
    }

    async function newUser(name = 'Ada') {
      const row = await users.create(
        { email: `${randomUUID()}@example.test`, name, passwordHash: 'hash' },
        () => 'member',
      );
      return row!;
    }

    it('records a membership role change with its detail object beside concurrent reads', async () => {
      const owner = await newUser('Owner');
      const editor = await newUser('Editor');
      const project = await projects.createWithOwner('Night Shoot', owner.id);
      await members.add(project.id, editor.id, 'editor');

      const change = await besideReads(async () => {
        const result = await members.changeRole(project.id, editor.id, 'viewer');
        await audit.record({
          action: 'project.member.role-changed',
          actorUserId: owner.id,
          subject: editor.id,
          detail: { projectId: project.id, role: 'viewer' },
        });
        return result;
      });

      expect(change).toMatchObject({ ok: true, member: { userId: editor.id, role: 'viewer' } });
      const entries = await audit.recent(50);
      const entry = entries.find((row) => row.subject === editor.id);
      expect(entry).toMatchObject({
        action: 'project.member.role-changed',
        actorUserId: owner.id,
        detail: { projectId: project.id, role: 'viewer' },
      });
      expect(entry!.at).toBeInstanceOf(Date);
    });

    it('records audit entries with and without detail, keeping nested values', async () => {
      const subject = randomUUID();
      await besideReads(() =>
        Promise.all([
          audit.record({ action: 'test.plain', subject }),
          audit.record({
            action: 'test.nested',
            subject,
            ip: '203.0.113.9',
            detail: {
              list: [1, 'two', null],
              quote: `it's "quoted" \\ here`,
              nested: { ok: true },
            },
          }),
        ]),
      );
      const entries = (await audit.recent(50)).filter((row) => row.subject === subject);
      expect(entries.map((row) => [row.action, row.detail])).toEqual(
        expect.arrayContaining([
          ['test.plain', null],
          [
            'test.nested',
            { list: [1, 'two', null], quote: `it's "quoted" \\ here`, nested: { ok: true } },
          ],
        ]),
      );
    });

    it('creates, finds and updates users beside concurrent reads', async () => {
      const email = `${randomUUID()}@example.test`;
      const created = await besideReads(() =>
        users.create({ email, name: 'Grace', passwordHash: 'first' }, () => 'member'),
      );
      expect(created).toMatchObject({ email, name: 'Grace', role: 'member', disabledAt: null });
      expect(
        await besideReads(() =>
          users.create({ email, name: 'Again', passwordHash: 'x' }, () => 'member'),
        ),
      ).toBeNull();
      await besideReads(() => users.updatePasswordHash(created!.id, 'second'));
      expect((await besideReads(() => users.findByEmail(email)))?.passwordHash).toBe('second');
      expect((await besideReads(() => users.findById(created!.id)))?.email).toBe(email);
      expect(await besideReads(() => users.findById(randomUUID()))).toBeNull();
    });

    it('stores, extends and deletes sessions with their times as dates', async () => {
      const user = await newUser();
      const expiresAt = new Date('2031-05-06T07:08:09.123Z');
      const id = randomUUID();
      await besideReads(() => sessions.insert({ id, userId: user.id, expiresAt }));
      const found = await besideReads(() => sessions.findWithUser(id));
      expect(found).toMatchObject({ id, userId: user.id, email: user.email, disabledAt: null });
      expect(found!.expiresAt.toISOString()).toBe(expiresAt.toISOString());

      const later = new Date('2032-01-02T03:04:05.678Z');
      await besideReads(() => sessions.extend(id, later));
      expect((await sessions.findWithUser(id))!.expiresAt.toISOString()).toBe(later.toISOString());

      await besideReads(() => sessions.delete(id));
      expect(await sessions.findWithUser(id)).toBeNull();
      const other = randomUUID();
      await sessions.insert({ id: other, userId: user.id, expiresAt });
      await besideReads(() => sessions.deleteAllForUser(user.id));
      expect(await sessions.findWithUser(other)).toBeNull();
    });

    it('creates, lists, renames and deletes projects beside concurrent reads', async () => {
      const owner = await newUser();
      const project = await besideReads(() => projects.createWithOwner('Pilot', owner.id));
      expect(project).toMatchObject({ name: 'Pilot', role: 'owner' });
      expect(await besideReads(() => projects.listForUser(owner.id))).toEqual([project]);
      await besideReads(() => projects.rename(project.id, 'Pilot, take 2'));
      expect(await besideReads(() => projects.findForMember(project.id, owner.id))).toEqual({
        ...project,
        name: 'Pilot, take 2',
      });
      expect(await projects.findForMember(project.id, randomUUID())).toBeNull();
      await besideReads(() => projects.delete(project.id));
      expect(await projects.listForUser(owner.id)).toEqual([]);
    });

    it('adds, re-roles and removes members and keeps the last owner', async () => {
      const owner = await newUser('Owner');
      const crew = await newUser('Crew');
      const project = await projects.createWithOwner('Series', owner.id);
      expect(await besideReads(() => members.add(project.id, crew.id, 'viewer'))).toMatchObject({
        userId: crew.id,
        role: 'viewer',
      });
      expect(await besideReads(() => members.add(project.id, crew.id, 'editor'))).toBeNull();
      expect((await besideReads(() => members.list(project.id))).map((m) => m.role)).toEqual([
        'owner',
        'viewer',
      ]);
      expect(await besideReads(() => members.changeRole(project.id, owner.id, 'editor'))).toEqual({
        ok: false,
        reason: 'last_owner',
      });
      expect(await besideReads(() => members.remove(project.id, owner.id))).toEqual({
        ok: false,
        reason: 'last_owner',
      });
      expect(await besideReads(() => members.remove(project.id, crew.id))).toMatchObject({
        ok: true,
      });
      expect(await besideReads(() => members.changeRole(project.id, crew.id, 'editor'))).toEqual({
        ok: false,
        reason: 'not_member',
      });
    });

    it('creates, finds, renames and deletes calendars beside concurrent reads', async () => {
      const owner = await newUser();
      const project = await projects.createWithOwner('Feature', owner.id);
      const calendar = await besideReads(() =>
        calendars.create({ projectId: project.id, name: 'Main unit', timezone: 'Europe/London' }),
      );
      expect(calendar).toMatchObject({ projectId: project.id, name: 'Main unit' });
      expect(await besideReads(() => calendars.listForProject(project.id))).toEqual([calendar]);
      expect(await besideReads(() => calendars.findForMember(calendar.id, owner.id))).toEqual({
        ...calendar,
        role: 'owner',
      });
      expect(await calendars.findForMember(calendar.id, randomUUID())).toBeNull();
      expect(
        await besideReads(() => calendars.update(calendar.id, { name: 'Second unit' })),
      ).toEqual({
        ...calendar,
        name: 'Second unit',
      });
      expect(await besideReads(() => calendars.update(calendar.id, { timezone: 'UTC' }))).toEqual({
        ...calendar,
        name: 'Second unit',
        timezone: 'UTC',
      });
      await besideReads(() => calendars.delete(calendar.id));
      expect(await calendars.listForProject(project.id)).toEqual([]);
    });

    it('appends, catches up on and compacts calendar documents beside concurrent reads', async () => {
      const owner = await newUser();
      const project = await projects.createWithOwner('Documentary', owner.id);
      const first = await calendars.create({ projectId: project.id, name: 'A', timezone: 'UTC' });
      const second = await calendars.create({ projectId: project.id, name: 'B', timezone: 'UTC' });
      const seqs = await besideReads(() =>
        appendCalendarUpdates(database.sql, [
          { calendarId: first.id, update: bytes(0, 255) },
          { calendarId: second.id, update: bytes(2) },
          { calendarId: first.id, update: bytes(3) },
        ]),
      );
      expect(seqs).toHaveLength(3);

      const { updates: since } = await besideReads(() =>
        readCalendarLogSince(
          database.sql,
          [
            { calendarId: first.id, afterSeq: 0n },
            { calendarId: second.id, afterSeq: seqs[1]! },
          ],
          [seqs[0]!],
        ),
      );
      // The known, unsettled first row is left out; the second calendar is past its only row.
      expect(since.map((row) => [row.calendarId, row.seq, [...row.update!]])).toEqual([
        [first.id, seqs[2], [3]],
      ]);

      const result = await besideReads(() =>
        compactCalendarDocument(database.sql, first.id, concat),
      );
      expect(result).toEqual({ mergedUpdates: 2, throughSeq: seqs[2] });
      const stored = await besideReads(() => loadCalendarDocument(database.sql, first.id));
      expect([...stored.snapshot!.state]).toEqual([0, 255, 3]);
      expect(stored.snapshot!.throughSeq).toBe(seqs[2]);
      expect(stored.updates).toEqual([]);
      expect((await loadCalendarDocument(database.sql, second.id)).updates).toHaveLength(1);

      const { snapshots } = await besideReads(() =>
        readCalendarLogSince(database.sql, [
          { calendarId: first.id, afterSeq: seqs[0]! },
          { calendarId: second.id, afterSeq: 0n },
        ]),
      );
      expect(snapshots.map((row) => [row.calendarId, row.throughSeq])).toEqual([
        [first.id, seqs[2]],
      ]);
    });

    it("loads a snapshot and a long log with every row's bytes, seq and settledness intact", async () => {
      const owner = await newUser();
      const project = await projects.createWithOwner('Documentary', owner.id);
      const calendar = await calendars.create({
        projectId: project.id,
        name: 'A',
        timezone: 'UTC',
      });
      // Lengths around the packing's edges: empty, one byte, past 16 bits; every byte value.
      const updates = [
        new Uint8Array(0),
        bytes(0),
        Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256),
        ...Array.from({ length: 1200 }, (_, i) => bytes(i % 256, 255 - (i % 256), 0)),
      ];
      await appendCalendarUpdates(database.sql, [{ calendarId: calendar.id, update: bytes(9) }]);
      await compactCalendarDocument(database.sql, calendar.id, concat);
      const seqs = await appendCalendarUpdates(
        database.sql,
        updates.map((update) => ({ calendarId: calendar.id, update })),
      );
      // All but the last two have settled.
      await database.sql`
        update calendar_updates set created_at = now() - interval '1 minute'
        where calendar_id = ${calendar.id} and seq < ${seqs.at(-2)!.toString()}::bigint
      `;
      const stored = await besideReads(() => loadCalendarDocument(database.sql, calendar.id));
      expect([...stored.snapshot!.state]).toEqual([9]);
      expect(stored.updates.map((row) => row.seq)).toEqual(seqs);
      expect(stored.updates.map((row) => [...row.update])).toEqual(updates.map((u) => [...u]));
      expect(stored.updates.map((row) => row.settled)).toEqual(
        seqs.map((_, i) => i < seqs.length - 2),
      );
      expect(stored.updates.every((row) => row.calendarId === calendar.id)).toBe(true);
    });

    it('folds the whole log on compaction and leaves it as it was when the merge fails', async () => {
      const owner = await newUser();
      const project = await projects.createWithOwner('Documentary', owner.id);
      const calendar = await calendars.create({
        projectId: project.id,
        name: 'A',
        timezone: 'UTC',
      });
      const seqs = await appendCalendarUpdates(
        database.sql,
        Array.from({ length: 300 }, (_, i) => ({
          calendarId: calendar.id,
          update: bytes(i % 256),
        })),
      );
      await expect(
        besideReads(() =>
          compactCalendarDocument(database.sql, calendar.id, () => {
            throw new Error('merge failed');
          }),
        ),
      ).rejects.toThrow('merge failed');
      const kept = await loadCalendarDocument(database.sql, calendar.id);
      expect(kept.snapshot).toBeNull();
      expect(kept.updates.map((row) => row.seq)).toEqual(seqs);

      let merged: bigint[] = [];
      const result = await besideReads(() =>
        compactCalendarDocument(database.sql, calendar.id, (snapshot, rows) => {
          merged = rows.map((row) => row.seq);
          return concat(snapshot, rows);
        }),
      );
      expect(merged).toEqual(seqs);
      expect(result).toEqual({ mergedUpdates: 300, throughSeq: seqs.at(-1) });
      const stored = await loadCalendarDocument(database.sql, calendar.id);
      expect([...stored.snapshot!.state]).toEqual(seqs.map((_, i) => i % 256));
      expect(stored.updates).toEqual([]);
    });

    it('fails only its own query when a parameter cannot be encoded', async () => {
      // The client's timestamp encoder throws on this string. The first run prepares the
      // statement; the second is encoded as it is queued behind the reads.
      const badTime = () =>
        database.sql`select ${'not a time'}::timestamptz as at`.then(
          () => 'accepted',
          () => 'refused',
        );
      expect(await badTime()).toBe('refused');
      expect(await besideReads(badTime)).toBe('refused');
    });

    it('sends an undefined parameter as null rather than breaking the connection', async () => {
      const [row] = await besideReads(
        () => database.sql<{ value: string | null }[]>`select ${undefined as never}::text as value`,
      );
      expect(row).toEqual({ value: null });
    });
  });
}

describeRepositories('embedded PGlite', true, openEmbedded);
describeRepositories('Postgres', testDatabase !== null, openPostgres);
