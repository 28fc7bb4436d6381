import postgres, { type Sql } from 'postgres';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { runMigrations } from './migrate.js';

export type DatabaseKind = 'postgres' | 'embedded';

export interface DatabaseOptions {
  /** A Postgres URL; when absent the embedded PGlite database in `dataDir` is used. */
  url?: string | undefined;
  /** Where the embedded database keeps its files. */
  dataDir: string;
  /** Connections in the pool for a real server (the embedded one always uses one). */
  poolSize?: number;
}

export interface Database {
  sql: Sql;
  kind: DatabaseKind;
  /** Applies pending migrations; resolves once the schema is current. */
  migrate(): Promise<void>;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the one query layer: a `postgres` client on a real server or on embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(options.dataDir);
    url = embedded.url;
  }
  const sql = postgres(url, {
    max: embedded ? 1 : (options.poolSize ?? 10),
    onnotice: () => undefined,
    connect_timeout: 10,
    // bigint columns (sequence numbers) come back as JS bigint rather than strings.
    types: { bigint: postgres.BigInt },
  });
  const kind: DatabaseKind = embedded ? 'embedded' : 'postgres';
  return {
    sql,
    kind,
    async migrate() {
      if (kind === 'embedded') return runMigrations(sql, { lock: false });
      const single = postgres(url, { max: 1, onnotice: () => undefined });
      try {
        await runMigrations(single, { lock: true });
      } finally {
        await single.end();
      }
    },
    async ping() {
      await sql`select 1`;
    },
    async close() {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}
