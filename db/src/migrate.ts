import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** Migrations ship beside src/ and dist/, so one relative path serves both. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** Arbitrary constant: serialises migrations when several instances start together. */
const MIGRATION_LOCK_ID = 727_001;

/**
 * Applies pending migrations to the database at `url` through a client of their own: drizzle
 * rewrites the json and date encoders of the client it wraps, which would break every later
 * `sql.json()` and Date parameter of a shared client. With `lock`, holds a Postgres advisory
 * lock so instances starting together migrate one after another.
 */
export async function runMigrations(url: string, options: { lock: boolean }): Promise<void> {
  // One connection: an advisory lock belongs to the connection that took it.
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    if (options.lock) await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle(sql), { migrationsFolder });
    if (options.lock) await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    // Closing the connection also releases the lock when a migration failed.
    await sql.end();
  }
}
