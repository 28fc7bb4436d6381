import postgres, { type Sql } from 'postgres';
import { startEmbeddedPostgres } from './embedded-postgres.js';
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

type Encoder = (value: unknown) => unknown;

/** Sent in place of a parameter whose encoder failed: the server refuses a NUL in any type (22021). */
const UNENCODABLE = '\u0000';

const encodeAsText: Encoder = (value) => '' + (value as string);

/**
 * postgres.js encodes parameters inside its connection handler, where a throw rejects whichever
 * query is in flight and leaves the failing one queued, so a shared connection never answers
 * again. Each encoder is made total instead: a failure becomes a parameter the server refuses,
 * which fails that one query.
 */
function guardEncoders(sql: Sql): void {
  const guarded = new WeakMap<Encoder, Encoder>();
  const guard = (encode: Encoder): Encoder => {
    let safe = guarded.get(encode);
    if (!safe) {
      safe = (value) => {
        try {
          const text = encode(value);
          return typeof text === 'string' ? text : UNENCODABLE;
        } catch {
          return UNENCODABLE;
        }
      };
      guarded.set(encode, safe);
    }
    return safe;
  };
  sql.options.serializers = new Proxy(sql.options.serializers, {
    // Every type has an encoder, so none falls back to the client's own unguarded `'' + value`.
    has: () => true,
    get: (encoders, oid) =>
      guard((Reflect.get(encoders, oid) as Encoder | undefined) ?? encodeAsText),
  });
}

/**
 * Postgres codes for text it cannot take: a NUL (22021), an escape it cannot store (22P05),
 * text that is no value of its type, such as a malformed uuid (22P02).
 */
const INVALID_TEXT_CODES = new Set(['22021', '22P05', '22P02']);

/** Whether the database refused a query for the text it was given, not for a fault of its own. */
export function isInvalidTextError(error: unknown): boolean {
  return error instanceof postgres.PostgresError && INVALID_TEXT_CODES.has(error.code);
}

/** A `postgres` client as every part of Callboard uses one: bigint sequence numbers, safe encoders. */
export function connectPostgres(url: string, max: number): Sql {
  const sql = postgres(url, {
    max,
    onnotice: () => undefined,
    connect_timeout: 10,
    // bigint columns (sequence numbers) come back as JS bigint rather than strings.
    types: { bigint: postgres.BigInt },
    // An undefined parameter would otherwise throw inside the connection, as a failed encoder does.
    transform: { undefined: null },
  });
  guardEncoders(sql);
  return sql;
}

/** Opens the one query layer: a `postgres` client on a real server or on embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? undefined : await startEmbeddedPostgres(options.dataDir);
  const url = options.url ?? embedded!.url;
  const sql = connectPostgres(url, embedded ? 1 : (options.poolSize ?? 10));
  const kind: DatabaseKind = embedded ? 'embedded' : 'postgres';
  return {
    sql,
    kind,
    // Only one process opens an embedded database, so it has nobody to take turns with.
    migrate: () => runMigrations(url, { lock: kind === 'postgres' }),
    async ping() {
      await sql`select 1`;
    },
    async close() {
      await sql.end({ timeout: 5 });
      await embedded?.stop();
    },
  };
}
