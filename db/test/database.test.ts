import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.js';
import { createTestDatabase } from '../src/testing/index.js';

const testDatabase = await createTestDatabase();

describe.skipIf(!testDatabase)('migrations on a real Postgres', () => {
  afterAll(() => testDatabase?.drop());

  it('creates every table of the schema', async () => {
    const rows = await testDatabase!.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public'`;
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        'users',
        'sessions',
        'projects',
        'project_members',
        'calendars',
        'calendar_updates',
        'calendar_snapshots',
        'audit_log',
      ]),
    );
  });

  it('is idempotent when run again through openDatabase', async () => {
    const database = await openDatabase({ url: testDatabase!.url, dataDir: '/nonexistent' });
    await database.migrate();
    await database.ping();
    expect(database.kind).toBe('postgres');
    await database.close();
  });
});

describe('embedded PGlite database', () => {
  let dataDir: string;
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('migrates, writes, and reads the rows back after a restart', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'callboard-pglite-'));
    const first = await openDatabase({ dataDir });
    expect(first.kind).toBe('embedded');
    await first.migrate();
    await first.sql`insert into projects (name) values ('Night Shoot')`;
    await first.close();

    const second = await openDatabase({ dataDir });
    await second.migrate();
    const rows = await second.sql<{ name: string }[]>`select name from projects`;
    expect(rows.map((r) => r.name)).toEqual(['Night Shoot']);
    await second.close();
  }, 120_000);
});
