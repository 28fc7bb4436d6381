import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres, { type Sql } from 'postgres';
import { connectPostgres } from '../database.js';
import { migrationsFolder, runMigrations } from '../migrate.js';
import { checkService, testDatabaseUrl } from './service-availability.js';

export interface TestDatabase {
  /** URL of a fresh, migrated database owned by one test file. */
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** Serialises template creation across the parallel test processes of one run. */
const TEMPLATE_LOCK_ID = 727_002;

async function templateName(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(migrationsFolder, { recursive: true })).sort();
  for (const file of files) {
    if (file.endsWith('.sql') || file.endsWith('.json')) {
      hash.update(file).update(await readFile(path.join(migrationsFolder, file)));
    }
  }
  return `callboard_template_${hash.digest('hex').slice(0, 12)}`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function ensureTemplate(admin: Sql, name: string): Promise<void> {
  await admin`select pg_advisory_lock(${TEMPLATE_LOCK_ID})`;
  try {
    const [existing] = await admin`select 1 from pg_database where datname = ${name}`;
    if (existing) return;
    const building = `${name}_building`;
    await admin.unsafe(`drop database if exists "${building}" with (force)`);
    await admin.unsafe(`create database "${building}"`);
    await runMigrations(withDatabase(testDatabaseUrl, building), { lock: false });
    // Renaming last means a crashed build never leaves a half-migrated template behind.
    await admin.unsafe(`alter database "${building}" rename to "${name}"`);
  } finally {
    await admin`select pg_advisory_unlock(${TEMPLATE_LOCK_ID})`;
  }
}

/**
 * Creates a migrated database for one test file, cloned from a template that is migrated
 * once per migration set. Returns null (tests skip) when Postgres is unreachable.
 */
export async function createTestDatabase(): Promise<TestDatabase | null> {
  if (!(await checkService('Postgres', testDatabaseUrl, 5432))) return null;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  const template = await templateName();
  await ensureTemplate(admin, template);
  const name = `callboard_test_${randomBytes(6).toString('hex')}`;
  await admin.unsafe(`create database "${name}" template "${template}"`);
  const url = withDatabase(testDatabaseUrl, name);
  const sql = connectPostgres(url, 5);
  return {
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
