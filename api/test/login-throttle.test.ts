import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestRedis, freePort, waitFor } from '@callboard/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle.js';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../src/auth/password-hasher.js';
import { loadPlatformConfig } from '@callboard/platform';
import { AppError } from '@callboard/platform';
import {
  TEST_ORIGIN,
  apiRequest,
  registerTestUser,
  sessionCookieFrom,
} from '../src/testing/index.js';
import { startApiUnderTest } from './support/api-under-test.js';

// Every argon2 run goes through these, so a test can count the password checks a burst caused.
vi.mock('../src/auth/password-hasher.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/auth/password-hasher.js')>();
  return {
    hashPassword: vi.fn(original.hashPassword),
    verifyPassword: vi.fn(original.verifyPassword),
    verifyAgainstDummy: vi.fn(original.verifyAgainstDummy),
  };
});
const passwordChecks = () =>
  vi.mocked(verifyPassword).mock.calls.length + vi.mocked(verifyAgainstDummy).mock.calls.length;

const api = await startApiUnderTest({
  LOGIN_MAX_FAILURES_PER_IP: '8',
  REGISTER_MAX_PER_IP: '3',
  TRUST_PROXY: '1',
});
const redis = api ? await createTestRedis() : null;

const login = (app: NonNullable<typeof api>['app'], email: string, password: string) =>
  apiRequest(app, 'POST', '/api/auth/login', { body: { email, password } });

/** A POST from a client at `ip`, as the trusted proxy in front of the API reports it. */
const postFrom = (
  app: NonNullable<typeof api>['app'],
  ip: string,
  path: string,
  body: unknown,
  cookie?: string,
) =>
  app.request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: {
      origin: TEST_ORIGIN,
      'content-type': 'application/json',
      'x-forwarded-for': ip,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(body),
  });

let registrations = 0;
/** Registers from an address of its own, so no test spends another's sign-up budget. */
async function registerFrom(app: NonNullable<typeof api>['app']) {
  const email = `owner-${++registrations}@example.test`;
  const password = 'the right password';
  const response = await postFrom(app, `192.0.2.${registrations}`, '/api/auth/register', {
    email,
    password,
    name: 'Owner',
  });
  expect(response.status).toBe(201);
  return { email, password, cookie: sessionCookieFrom(response) };
}

const statusesOf = async (responses: (Response | Promise<Response>)[]) =>
  (await Promise.all(responses)).map((response) => response.status);

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

  it('runs at most the per-account-and-address limit of password checks for 300 parallel guesses', async () => {
    const owner = await registerFrom(app);
    const before = passwordChecks();
    const statuses = await statusesOf(
      Array.from({ length: 300 }, (_, i) =>
        postFrom(app, '203.0.113.1', '/api/auth/login', {
          email: owner.email,
          password: i === 299 ? owner.password : `wrong guess ${i}`,
        }),
      ),
    );
    expect(passwordChecks() - before).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 429).length).toBeLessThanOrEqual(5);
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
  });

  it("lets the owner sign in from another address while a stranger's guesses are refused", async () => {
    const owner = await registerFrom(app);
    const stranger = await statusesOf(
      Array.from({ length: 30 }, (_, i) =>
        postFrom(app, '203.0.113.2', '/api/auth/login', {
          email: owner.email,
          password: `stranger guess ${i}`,
        }),
      ),
    );
    expect(stranger).toContain(429);
    const own = await postFrom(app, '198.51.100.2', '/api/auth/login', {
      email: owner.email,
      password: owner.password,
    });
    expect(own.status).toBe(200);
  });

  it('limits wrong current passwords at a password change as sign-in guesses, sharing the count', async () => {
    const owner = await registerFrom(app);
    const ip = '203.0.113.3';
    const change = (currentPassword: string) =>
      postFrom(
        app,
        ip,
        '/api/auth/password',
        { currentPassword, newPassword: 'a brand new password' },
        owner.cookie,
      );
    const before = passwordChecks();
    const statuses = await statusesOf(Array.from({ length: 20 }, () => change('not the password')));
    expect(passwordChecks() - before).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    const refused = await change(owner.password);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    const signIn = await postFrom(app, ip, '/api/auth/login', {
      email: owner.email,
      password: owner.password,
    });
    expect(signIn.status).toBe(429);
  });

  it('refuses a fourth sign-up from one address before hashing, and takes one from another', async () => {
    const ip = '203.0.113.4';
    const signUp = (from: string, n: number) =>
      postFrom(app, from, '/api/auth/register', {
        email: `crew-${n}-${Date.now()}@example.test`,
        password: 'a long enough password',
        name: 'Crew',
      });
    for (let n = 1; n <= 3; n++) expect((await signUp(ip, n)).status).toBe(201);
    const hashes = vi.mocked(hashPassword).mock.calls.length;
    const fourth = await signUp(ip, 4);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await fourth.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(vi.mocked(hashPassword).mock.calls.length).toBe(hashes);
    expect((await signUp('203.0.113.5', 5)).status).toBe(201);
  });
});

describe('the per-account ceiling across addresses', () => {
  const throttle = new LoginThrottle(
    { redis: null, config: loadPlatformConfig({}) },
    {
      maxFailuresPerAccountAndIp: 5,
      maxFailuresPerAccount: 3,
      slowdownSeconds: 1,
      maxFailuresPerIp: 20,
      windowSeconds: 900,
      maxRegistrationsPerIp: 1,
      registrationWindowSeconds: 60,
    },
  );
  let checks = 0;
  const guess = (ip: string, valid = false) =>
    throttle.guard('owner@example.test', ip, async () => {
      checks++;
      return { valid };
    });

  it('slows an account over it to one password check per interval instead of locking it', async () => {
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      expect((await guess(ip)).valid).toBe(false);
    }
    expect(checks).toBe(4);
    const refused = await guess('10.0.0.5').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number((refused as AppError).headers['Retry-After'])).toBeLessThanOrEqual(1);
    expect(checks).toBe(4);
    // Not a lock-out: within the interval, the owner's right password is checked and accepted.
    await waitFor(
      () =>
        guess('10.0.0.6', true).then(
          (result) => result.valid,
          () => false,
        ),
      'the slowed account to take a check',
    );
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
  let first: { url: string };
  let second: { url: string };
  beforeAll(async () => {
    const env = {
      DATABASE_URL: api!.database.url,
      REDIS_URL: redis!.url,
      REDIS_PREFIX: redis!.prefix,
      LOGIN_MAX_FAILURES_PER_IP: '100',
    };
    const started = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    children.push(...started.map((process) => process.child));
    [first, second] = started;
  }, 120_000);
  afterAll(() => children.forEach((child) => child.kill('SIGKILL')));
  const post = (url: string, path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(body),
    });

  it('runs at most the per-account-and-address limit of password checks for 300 parallel guesses over both', async () => {
    const email = `burst-${Date.now()}@example.com`;
    const registered = await post(first.url, '/api/auth/register', {
      email,
      password: 'the right one',
      name: 'Burst',
    });
    expect(registered.status).toBe(201);
    const { user } = (await registered.json()) as { user: { id: string } };
    const statuses = await statusesOf(
      Array.from({ length: 300 }, (_, i) =>
        post(i % 2 ? first.url : second.url, '/api/auth/login', {
          email,
          password: i === 299 ? 'the right one' : `wrong guess ${i}`,
        }),
      ),
    );
    expect(statuses.every((status) => [200, 401, 429].includes(status))).toBe(true);
    // Each password check leaves one audit row, a failure or a sign-in.
    const [checked] = await api!.database.sql<{ n: number }[]>`
      select count(*)::int as n from audit_log
      where actor_user_id = ${user.id} and action in ('auth.login.failed', 'auth.login')`;
    expect(checked!.n).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status !== 429).length).toBe(checked!.n);
  }, 120_000);

  it('counts failed logins on both processes together and ends a logged-out session on both', async () => {
    const email = `spread-${Date.now()}@example.com`;
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
