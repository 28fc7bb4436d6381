import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  addTestMember,
  createTestCalendar,
  createTestProject,
  registerTestUser,
  TEST_ORIGIN,
  type TestUser,
} from '@callboard/api/testing';
import { loadCalendarDocument } from '@callboard/db';
import { checkService, servicesRequired, testDatabaseUrl, waitFor } from '@callboard/db/testing';
import { createEvent, readEvents, updateEvent, type CalendarEvent } from '@callboard/domain';
import {
  openCalendar,
  remoteApp,
  startServer,
  type ServerProcess,
} from '@callboard/server/testing';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { commandOnPath } from '../src/installed-tool.js';
import { repositoryRoot } from '../src/repository-paths.js';

const postgresUp = await checkService('Postgres', testDatabaseUrl, 5432);
const missingTools = ['pg_dump', 'pg_restore', 'psql'].filter((tool) => !commandOnPath(tool));
if (postgresUp && missingTools.length > 0) {
  const message = `${missingTools.join(', ')} not installed (apt-get install postgresql-client)`;
  if (servicesRequired) throw new Error(`REQUIRE_SERVICES=1 but ${message}`);
  console.warn(`\n  SKIPPED: ${message}; the backup round trip is skipped.\n`);
}

const backupScript = path.join(repositoryRoot, 'ops/backup/backup.sh');
const restoreScript = path.join(repositoryRoot, 'ops/backup/restore.sh');
const migrateCli = path.join(repositoryRoot, 'db/dist/migrate.cli.js');

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs a command as the backup service would, with only the environment it is given. */
function run(command: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every row of every table, as Postgres prints it (bytea in hex), and every sequence's position. */
async function everyRow(sql: Sql): Promise<Map<string, string[]>> {
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2
  `;
  const rows = new Map<string, string[]>();
  for (const { schema, name } of tables) {
    const result = await sql.unsafe<{ row: string }[]>(
      `select t::text as row from "${schema}"."${name}" t order by 1`,
    );
    rows.set(
      `${schema}.${name}`,
      result.map((r) => r.row),
    );
  }
  const sequences = await sql<{ name: string; last_value: string | null }[]>`
    select schemaname || '.' || sequencename as name, last_value::text from pg_sequences order by 1
  `;
  for (const { name, last_value } of sequences) rows.set(`sequence ${name}`, [String(last_value)]);
  return rows;
}

/** A calendar's stored document as bytes: its snapshot, then each logged update in order. */
async function storedDocument(sql: Sql, calendarId: string): Promise<Buffer> {
  const stored = await loadCalendarDocument(sql, calendarId);
  return Buffer.concat([
    Buffer.from(stored.snapshot?.state ?? []),
    ...stored.updates.map((row) => Buffer.from(row.update)),
  ]);
}

async function storedEvents(sql: Sql, calendarId: string): Promise<CalendarEvent[]> {
  const stored = await loadCalendarDocument(sql, calendarId);
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.state);
  for (const row of stored.updates) Y.applyUpdate(doc, row.update);
  const events = readEvents(doc);
  doc.destroy();
  return events;
}

describe.skipIf(!postgresUp || missingTools.length > 0)(
  'ops/backup: backup.sh then restore.sh',
  () => {
    const name = `callboard_backup_${randomBytes(6).toString('hex')}`;
    const databaseUrl = withDatabase(testDatabaseUrl, name);
    const backupDir = mkdtempSync(path.join(os.tmpdir(), 'callboard-backups-'));
    const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
    let sql: Sql | null = null;
    let server: ServerProcess | null = null;
    const serverEnv = {
      DATABASE_URL: databaseUrl,
      // The api testing helpers claim this origin.
      PUBLIC_URL: TEST_ORIGIN,
      API_RATE_LIMIT_PER_MINUTE: '100000',
    };

    beforeAll(async () => {
      await admin.unsafe(`create database "${name}"`);
      // As the compose file's migrate service does, on an empty database.
      const migrated = run(process.execPath, [migrateCli], { DATABASE_URL: databaseUrl });
      expect(migrated.status, `db:migrate (needs npm run build)\n${migrated.output}`).toBe(0);
      sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    });

    afterAll(async () => {
      await server?.stop();
      await sql?.end({ timeout: 1 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      rmSync(backupDir, { recursive: true, force: true });
    });

    it('restores every row and every calendar document byte for byte, and the app serves them', async () => {
      server = await startServer(serverEnv);
      const app = remoteApp(server.url);
      const [owner, editor, viewer] = await Promise.all(
        ['Owner', 'Editor', 'Viewer'].map((who) => registerTestUser(app, { name: who })),
      );
      const calendars: { id: string; editors: TestUser[] }[] = [];
      for (const title of ['The Long Night', 'Second Unit']) {
        const project = await createTestProject(app, owner!, title);
        await addTestMember(app, owner!, project.id, editor!, 'editor');
        await addTestMember(app, owner!, project.id, viewer!, 'viewer');
        for (const calendarName of ['Main unit', 'Splinter unit']) {
          const calendar = await createTestCalendar(app, owner!, project.id, {
            name: calendarName,
          });
          calendars.push({ id: calendar.id, editors: [owner!, editor!] });
        }
      }

      // Two people edit each of the first three calendars at once, through the relay.
      const edited = calendars.slice(0, 3);
      const expected = new Map<string, CalendarEvent[]>();
      for (const calendar of edited) {
        const clients = calendar.editors.map((user) =>
          openCalendar(server!.url, calendar.id, user.cookie),
        );
        await waitFor(() => clients.every((c) => c.provider.synced), 'the clients to sync');
        clients.forEach((client, who) => {
          for (let i = 0; i < 5; i += 1) {
            const id = createEvent(client.doc, {
              title: `Scene ${who}-${i}`,
              kind: 'shoot',
              start: `2027-03-0${i + 1}T08:00`,
              end: `2027-03-0${i + 1}T12:00`,
              allDay: false,
              location: 'Stage 4',
              notes: '',
            });
            updateEvent(client.doc, id, { location: `Stage ${who + 5}`, notes: 'Call 07:00' });
          }
        });
        await waitFor(
          () => clients.every((c) => readEvents(c.doc).length === 10),
          'both clients to see every event',
        );
        const events = readEvents(clients[0]!.doc);
        expected.set(calendar.id, events);
        await waitFor(
          async () =>
            JSON.stringify(await storedEvents(sql!, calendar.id)) === JSON.stringify(events),
          'every edit to reach Postgres',
        );
        for (const client of clients) client.close();
      }
      // Nothing may write between the backup and the comparison.
      expect(await server.stop('SIGTERM')).toBe(0);
      server = null;
      const before = await everyRow(sql!);
      const documentsBefore = await Promise.all(calendars.map((c) => storedDocument(sql!, c.id)));
      expect(before.get('public.users')).toHaveLength(3);
      expect(before.get('public.calendars')).toHaveLength(4);
      for (const bytes of documentsBefore.slice(0, 3)) expect(bytes.length).toBeGreaterThan(100);

      const backup = run('sh', [backupScript], {
        DATABASE_URL: databaseUrl,
        BACKUP_DIR: backupDir,
        BACKUP_KEEP_DAYS: '7',
      });
      expect(backup.status, backup.output).toBe(0);
      const dumps = readdirSync(backupDir).filter((file) =>
        /^callboard-\d{8}T\d{6}Z\.dump$/.test(file),
      );
      expect(dumps).toHaveLength(1);
      const dump = path.join(backupDir, dumps[0]!);
      const status = JSON.parse(readFileSync(path.join(backupDir, 'backup-status.json'), 'utf8'));
      expect(status).toMatchObject({
        status: 'ok',
        file: dumps[0],
        bytes: statSync(dump).size,
        keepDays: 7,
        lastSuccessAt: status.finishedAt,
      });
      expect(status.entries).toBeGreaterThan(10);
      expect(status.durationSeconds).toBeGreaterThanOrEqual(0);
      expect(readFileSync(path.join(backupDir, 'callboard_backup.prom'), 'utf8')).toMatch(
        /^callboard_backup_last_success_timestamp_seconds \d+$/m,
      );

      // Without the confirmation flag nothing happens.
      const refused = run('sh', [restoreScript, dump], { DATABASE_URL: databaseUrl });
      expect(refused.status).toBe(2);
      expect(refused.output).toContain('--yes-overwrite-database');

      await sql!.end({ timeout: 1 });
      await admin.unsafe(`drop database "${name}" with (force)`);
      await admin.unsafe(`create database "${name}"`);
      const restored = run('sh', [restoreScript, '--yes-overwrite-database', dump], {
        DATABASE_URL: databaseUrl,
      });
      expect(restored.status, restored.output).toBe(0);

      sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
      const after = await everyRow(sql);
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [table, rows] of before) expect(after.get(table), table).toEqual(rows);
      const documentsAfter = await Promise.all(calendars.map((c) => storedDocument(sql!, c.id)));
      documentsBefore.forEach((bytes, i) => {
        expect(Buffer.compare(documentsAfter[i]!, bytes), `calendar ${calendars[i]!.id}`).toBe(0);
      });

      // The restored install: the old sessions still sign in, and the relay serves each document.
      server = await startServer(serverEnv);
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: editor!.cookie } });
      expect(me.status).toBe(200);
      for (const calendar of edited) {
        const client = openCalendar(server.url, calendar.id, viewer!.cookie);
        await waitFor(() => client.provider.synced, 'the viewer to sync');
        expect(readEvents(client.doc)).toEqual(expected.get(calendar.id));
        client.close();
      }
    }, 180_000);

    it('restore.sh refuses while another connection uses the database', async () => {
      const other = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      await other`select 1`;
      const backup = run('sh', [backupScript], {
        DATABASE_URL: databaseUrl,
        BACKUP_DIR: backupDir,
      });
      expect(backup.status, backup.output).toBe(0);
      const dump = readdirSync(backupDir)
        .filter((f) => f.endsWith('.dump'))
        .sort()
        .at(-1)!;
      const refused = run(
        'sh',
        [restoreScript, '--yes-overwrite-database', path.join(backupDir, dump)],
        {
          DATABASE_URL: databaseUrl,
        },
      );
      expect(refused.status).toBe(1);
      expect(refused.output).toMatch(
        /other connection\(s\) use this database: stop api, realtime and web first/,
      );
      await other.end();
    });
  },
);
