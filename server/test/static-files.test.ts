import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createTestDatabase } from '@callboard/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entries, startServer, type ServerProcess } from '../src/testing/server-process.js';

const clientDir = fileURLToPath(new URL('../../web/build/client/', import.meta.url));
const testDatabase = await createTestDatabase();

/**
 * Plants an asset and its precompressed copies in the shared web build before the server
 * lists it, so the test can delete them without disturbing files other tests request.
 */
function plantAsset(): { path: string; body: string; remove(...suffixes: string[]): void } {
  const name = `static-file-test-${randomBytes(6).toString('hex')}.txt`;
  const body = `asset ${name}\n`.repeat(50);
  const file = clientDir + name;
  writeFileSync(file, body);
  writeFileSync(`${file}.br`, brotliCompressSync(body));
  writeFileSync(`${file}.gz`, gzipSync(body));
  const remove = (...suffixes: string[]) => {
    for (const suffix of suffixes) rmSync(file + suffix, { force: true });
  };
  return { path: `/${name}`, body, remove };
}

describe.skipIf(!testDatabase)('static files that disappear under a running server', () => {
  let server: ServerProcess;
  let gone: ReturnType<typeof plantAsset>;
  let halfGone: ReturnType<typeof plantAsset>;

  beforeAll(async () => {
    gone = plantAsset();
    halfGone = plantAsset();
    server = await startServer({ DATABASE_URL: testDatabase!.url });
  });

  afterAll(async () => {
    gone?.remove('', '.br', '.gz');
    halfGone?.remove('', '.br', '.gz');
    await server?.stop();
  });

  it('answers 404 for an asset deleted with its .br and .gz, and keeps serving', async () => {
    const before = await fetch(server.url + gone.path, { headers: { 'accept-encoding': 'br' } });
    expect(before.status).toBe(200);
    expect(await before.text()).toBe(gone.body);

    gone.remove('.br', '.gz', '');
    const after = await fetch(server.url + gone.path, { headers: { 'accept-encoding': 'br' } });
    expect(after.status).toBe(404);
    await after.arrayBuffer();

    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const page = await fetch(`${server.url}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    expect(server.child.exitCode).toBeNull();
  });

  it('falls back to another copy when only the precompressed one is gone', async () => {
    halfGone.remove('.br');
    const response = await fetch(server.url + halfGone.path, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toBe(halfGone.body);
  });

  it('serves a built asset with its type, its precompressed copy and a year-long cache', async () => {
    const script = readdirSync(`${clientDir}_app/immutable/entry`).find((f) => f.endsWith('.js'));
    const response = await fetch(`${server.url}/_app/immutable/entry/${script}`, {
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript');
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('cache-control')).toBe('public,max-age=31536000,immutable');
    const etag = response.headers.get('etag')!;
    await response.arrayBuffer();
    const again = await fetch(response.url, {
      headers: { 'accept-encoding': 'br', 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
  });
});

describe('static files that disappear under the web tier run alone', () => {
  let server: ServerProcess;
  let gone: ReturnType<typeof plantAsset>;

  beforeAll(async () => {
    gone = plantAsset();
    server = await startServer({}, entries.web);
  });

  afterAll(async () => {
    gone?.remove('', '.br', '.gz');
    await server?.stop();
  });

  it('answers 404 for a deleted asset and keeps serving pages', async () => {
    gone.remove('.br', '.gz', '');
    const after = await fetch(server.url + gone.path, { headers: { 'accept-encoding': 'br' } });
    expect(after.status).toBe(404);
    await after.arrayBuffer();
    const page = await fetch(`${server.url}/login`);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<html');
    expect(server.child.exitCode).toBeNull();
  });
});
