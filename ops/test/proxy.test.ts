import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createTestCalendar,
  createTestProject,
  registerTestUser,
  type TestUser,
} from '@callboard/api/testing';
import { createTestDatabase, freePort, servicesRequired, waitFor } from '@callboard/db/testing';
import { contentSecurityPolicy, securityHeaders } from '@callboard/domain';
import { remoteApp, startServer, type ServerProcess } from '@callboard/server/testing';
import type { Browser, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The browser harness of the web app's end-to-end tests: any CSP violation fails the test.
import { launchChromium, signedInContext } from '../../web/e2e/support/browser.js';
import { commandOnPath } from '../src/installed-tool.js';
import { repositoryRoot } from '../src/repository-paths.js';

const caddyInstalled = commandOnPath('caddy');
if (!caddyInstalled) {
  if (servicesRequired) throw new Error('REQUIRE_SERVICES=1 but caddy is not installed');
  console.warn(
    '\n  SKIPPED: caddy is not installed (apt-get install caddy); proxy tests skipped.\n',
  );
}
const testDatabase = caddyInstalled ? await createTestDatabase() : null;

/**
 * The production Caddyfile with its upstreams pointed at one local server (which serves the
 * api, realtime and web paths alike), over http on loopback, without the admin endpoint.
 */
function localCaddyfile(appPort: number, metricsPort: number): string {
  const production = readFileSync(path.join(repositoryRoot, 'ops/caddy/Caddyfile'), 'utf8');
  const local = production
    .replace('{\n', '{\n\tadmin off\n')
    .replace(':9180 {', `:${metricsPort} {`)
    .replaceAll('api:3000', `127.0.0.1:${appPort}`)
    .replaceAll('web:3000', `127.0.0.1:${appPort}`)
    .replaceAll('dynamic a realtime 3000', `dynamic a 127.0.0.1 ${appPort}`);
  for (const upstream of ['api:3000', 'web:3000', 'dynamic a realtime'])
    expect(local, `the Caddyfile still routes to ${upstream}`).not.toContain(upstream);
  return local;
}

describe.skipIf(!testDatabase)('the production Caddyfile in front of the app', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'callboard-proxy-'));
  let server: ServerProcess;
  let caddy: ChildProcess;
  let caddyOutput = '';
  let browser: Browser;
  let url: string;
  let owner: TestUser;
  let projectId: string;
  let calendarId: string;

  beforeAll(async () => {
    const [proxyPort, metricsPort] = [await freePort(), await freePort()];
    url = `http://localhost:${proxyPort}`;
    server = await startServer({
      DATABASE_URL: testDatabase!.url,
      PUBLIC_URL: url,
      TRUST_PROXY: '1',
      API_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const caddyfile = path.join(scratch, 'Caddyfile');
    writeFileSync(caddyfile, localCaddyfile(Number(new URL(server.url).port), metricsPort));
    caddy = spawn('caddy', ['run', '--adapter', 'caddyfile', '--config', caddyfile], {
      env: {
        PATH: process.env.PATH ?? '',
        CALLBOARD_DOMAIN: url,
        ACME_EMAIL: 'it@example.test',
        XDG_DATA_HOME: scratch,
        XDG_CONFIG_HOME: scratch,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    caddy.stdout!.on('data', (chunk: Buffer) => (caddyOutput += chunk.toString()));
    caddy.stderr!.on('data', (chunk: Buffer) => (caddyOutput += chunk.toString()));
    await waitFor(
      () =>
        fetch(`${url}/ready`).then(
          (r) => r.status === 200,
          () => false,
        ),
      'the app through Caddy',
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${caddyOutput}`);
    });

    const app = remoteApp(url, url);
    owner = await registerTestUser(app, { name: 'Proxy Owner' });
    projectId = (await createTestProject(app, owner, 'The Long Night')).id;
    calendarId = (await createTestCalendar(app, owner, projectId)).id;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    caddy?.kill('SIGTERM');
    await server?.stop();
    await testDatabase?.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The proxy's headers on a response: the app's values, and HSTS since the proxy is TLS. */
  function expectProxyHeaders(response: Response | null) {
    expect(response, 'a document response').not.toBeNull();
    const headers = response!.headers();
    for (const [name, value] of Object.entries(securityHeaders('https://proxy')))
      expect(headers[name.toLowerCase()], `${name} of ${response!.url()}`).toBe(value);
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[^']+'/);
    expect(headers.server).toBeUndefined();
  }

  it('serves every page under the proxy’s headers with no CSP violation or console error', async () => {
    const consoleErrors: string[] = [];
    const signedOut = await signedInContext(browser, url, null, consoleErrors);
    const page = await signedOut.newPage();
    expectProxyHeaders(await page.goto(`${url}/login`));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expectProxyHeaders(await page.goto(`${url}/register`));
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await signedOut.close();

    const account = {
      ...owner.user,
      password: owner.password,
      token: owner.cookie.replace(/^session=/, ''),
    };
    const context = await signedInContext(browser, url, account, consoleErrors);
    const signedIn = await context.newPage();
    for (const [where, ready] of [
      ['/', 'The Long Night'],
      ['/projects', 'The Long Night'],
      [`/projects/${projectId}`, 'Main unit'],
      ['/account', 'Password'],
    ] as const) {
      expectProxyHeaders(await signedIn.goto(`${url}${where}`));
      await signedIn.getByText(ready).first().waitFor();
    }
    // The calendar syncs over /yjs through the proxy's websocket route.
    expectProxyHeaders(await signedIn.goto(`${url}/calendars/${calendarId}`));
    await signedIn.getByText('All changes saved').waitFor();
    for (const view of ['Week', 'Agenda', 'Month'])
      await signedIn.getByRole('tab', { name: view }).click();
    const missing = await signedIn.goto(`${url}/projects/00000000-0000-4000-8000-000000000000`);
    expectProxyHeaders(missing);
    await context.close();
    expect(consoleErrors).toEqual([]);
  });

  it('compresses, keeps /metrics private, limits bodies and sets the headers on the API', async () => {
    const api = await fetch(`${url}/api/auth/me`, { headers: { cookie: owner.cookie } });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(api.headers.get('strict-transport-security')).toBe('max-age=31536000');

    const page = await fetch(`${url}/login`, { headers: { 'accept-encoding': 'zstd, gzip' } });
    expect(page.headers.get('content-encoding')).toMatch(/^(zstd|gzip)$/);

    expect((await fetch(`${url}/metrics`)).status).toBe(404);
    const huge = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: url, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2_000_000) }),
    });
    // Caddy before 2.7 may answer the limit with 502 instead (caddyserver/caddy#5652), and
    // streams the start of the body on, so the app's own limit (a JSON 413) can answer first.
    // Production runs 2.10, where the app never sees the body.
    const caddyVersion = spawnSync('caddy', ['version'], { encoding: 'utf8' }).stdout;
    const oldCaddy = /^v?2\.[0-6]\./.test(caddyVersion);
    expect(oldCaddy ? [413, 502] : [413]).toContain(huge.status);
    if (!oldCaddy) expect(huge.headers.get('content-type') ?? '').not.toContain('json');
  });
});
