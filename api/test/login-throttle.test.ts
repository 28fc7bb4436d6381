import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestRedis, freePort } from '@callboard/db/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { apiRequest, registerTestUser } from '../src/testing/index.js';
import { startApiUnderTest } from './support/api-under-test.js';

const api = await startApiUnderTest({ LOGIN_MAX_FAILURES_PER_IP: '8' });
const redis = api ? await createTestRedis() : null;

const login = (app: NonNullable<typeof api>['app'], email: string, password: string) =>
  apiRequest(app, 'POST', '/api/auth/login', { body: { email, password } });

describe.skipIf(!api)('login throttling in one process (in-memory counters)', () => {
  const { app } = api!;

  it('answers the 6th wrong password for one account with 429 and Retry-After, even with the right password', async () => {
    const user = await registerTestUser(app);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await login(app, user.user.email, 'wrong password')).status).toBe(401);
    }
    const sixth = await login(app, user.user.email, 'wrong password');
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await login(app, user.user.email, user.password)).status).toBe(429);
  });

  it('throttles one IP trying many accounts', async () => {
    // This file's IP limit is 8; the account test above already spent 5 from this IP.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await login(app, `guess-${i}@example.com`, 'wrong password')).status);
    }
    expect(statuses).toContain(429);
  });
});

const mainEntry = fileURLToPath(new URL('../src/main.ts', import.meta.url));

async function startApiProcess(
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--conditions=callboard-source', '--import', 'tsx', mainEntry],
    {
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('API process did not become ready');
}

describe.skipIf(!api || !redis)('two API processes sharing Redis', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

  it('counts failed logins on both processes together and ends a logged-out session on both', async () => {
    const env = {
      DATABASE_URL: api!.database.url,
      REDIS_URL: redis!.url,
      REDIS_PREFIX: redis!.prefix,
      LOGIN_MAX_FAILURES_PER_IP: '100',
    };
    const [first, second] = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    children.push(first.child, second.child);
    const email = `spread-${Date.now()}@example.com`;
    const post = (url: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify(body),
      });
    expect(
      (await post(first.url, '/api/auth/register', { email, password: 'the right one', name: 'N' }))
        .status,
    ).toBe(201);

    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const url = attempt % 2 ? first.url : second.url;
      statuses.push(
        (await post(url, '/api/auth/login', { email, password: 'wrong password' })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const sixth = await post(second.url, '/api/auth/login', { email, password: 'wrong password' });
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      (await post(first.url, '/api/auth/login', { email, password: 'the right one' })).status,
    ).toBe(429);

    // Sessions are cached briefly per process; a logout on one must end them on the other at once.
    const other = await post(first.url, '/api/auth/register', {
      email: `b-${email}`,
      password: 'the right one',
      name: 'B',
    });
    const cookie = other.headers.get('set-cookie')!.split(';')[0]!;
    const me = (url: string) =>
      fetch(`${url}/api/auth/me`, { headers: { cookie } }).then((r) => r.status);
    expect(await me(second.url)).toBe(200);
    const logout = await fetch(`${first.url}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: first.url },
    });
    expect(logout.status).toBe(204);
    const deadline = Date.now() + 2000;
    while ((await me(second.url)) !== 401 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await me(second.url)).toBe(401);
  }, 120_000);
});
