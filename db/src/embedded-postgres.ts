import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL on loopback that speaks to the embedded database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite with its files in `dataDir` and serves it on a loopback port, so the
 * application reaches it through the same `postgres` client as a real server.
 * PGlite runs one query at a time, so callers should use a single connection.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: 4,
  });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    async stop() {
      await server.stop();
      await pglite.close();
    },
  };
}
