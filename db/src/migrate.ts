import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type { Sql } from 'postgres';

/** Migrations ship beside src/ and dist/, so one relative path serves both. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Arbitrary constant: serialises migrations when several instances start together. */
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies pending migrations. With `lock`, holds a Postgres advisory lock so instances
 * starting together migrate one after another; `sql` must then be a one-connection client,
 * because an advisory lock belongs to the connection that took it.
 */
export async function runMigrations(sql: Sql, options: { lock: boolean }): Promise<void> {
  if (options.lock) await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
  try {
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    if (options.lock) await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  }
}
