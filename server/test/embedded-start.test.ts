import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/testing/server-process.js';

const origin = (url: string) => ({ origin: url, 'content-type': 'application/json' });

describe('the one-process server on the embedded default', () => {
  const workDir = mkdtemp(path.join(os.tmpdir(), 'callboard-start-'));
  afterAll(async () => rm(await workDir, { recursive: true, force: true }));

  it('creates the data directory, reports healthy, and keeps an account across a restart', async () => {
    const dataDir = path.join(await workDir, 'data');
    const first = await startServer({ DATA_DIR: dataDir });
    try {
      expect(existsSync(dataDir)).toBe(true);
      const health = await fetch(`${first.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({
        status: 'ok',
        checks: { database: 'ok', redis: 'embedded' },
      });
      const register = await fetch(`${first.url}/api/auth/register`, {
        method: 'POST',
        headers: origin(first.url),
        body: JSON.stringify({
          email: 'ad@example.com',
          password: 'correct horse',
          name: 'First AD',
        }),
      });
      expect(register.status).toBe(201);
    } finally {
      expect(await first.stop('SIGTERM')).toBe(0);
    }

    const second = await startServer({ DATA_DIR: dataDir });
    try {
      const login = await fetch(`${second.url}/api/auth/login`, {
        method: 'POST',
        headers: origin(second.url),
        body: JSON.stringify({ email: 'ad@example.com', password: 'correct horse' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const project = await fetch(`${second.url}/api/projects`, {
        method: 'POST',
        headers: { ...origin(second.url), cookie },
        body: JSON.stringify({ name: 'Night Shoot' }),
      });
      expect(project.status).toBe(201);
      const me = await fetch(`${second.url}/api/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(((await login.json()) as { user: { email: string } }).user.email).toBe(
        'ad@example.com',
      );
    } finally {
      await second.stop('SIGTERM');
    }
  }, 240_000);
});
