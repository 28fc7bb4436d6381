import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@callboard/platform';
import { createTestDatabase } from '@callboard/db/testing';
import {
  contentSecurityPolicy,
  contentSecurityPolicyDirectives,
  securityHeaders,
} from '@callboard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallboardServer, type RunningServer } from '../src/callboard.server.js';
import { loadServerConfig } from '../src/config/server.config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const HTTPS_URL = 'https://callboard.example';
const METRICS_TOKEN = randomBytes(24).toString('hex');
const testDatabase = await createTestDatabase();

/** An address of this machine that is not loopback, so a request from it is not from loopback. */
const externalAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

function directives(header: string | null): Map<string, string[]> {
  return new Map(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

const sharedDirectives = directives(contentSecurityPolicy);

function expectSharedHeaders(response: Response, publicUrl: string | undefined) {
  const expected = securityHeaders(publicUrl);
  for (const [name, value] of Object.entries(expected))
    expect(response.headers.get(name), `${name} of ${response.url}`).toBe(value);
  if (!expected['Strict-Transport-Security'])
    expect(response.headers.get('strict-transport-security')).toBeNull();
}

async function start(env: Record<string, string>): Promise<RunningServer> {
  const config = loadServerConfig({
    DATABASE_URL: testDatabase!.url,
    PORT: '0',
    HOST: '0.0.0.0',
    API_RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  return startCallboardServer(config, createLogger({ level: 'silent', format: 'json' }));
}

describe.skipIf(!testDatabase)('security headers, the session cookie and /metrics', () => {
  let https: RunningServer;
  let http: RunningServer;
  const local = (server: RunningServer, p: string) => `http://127.0.0.1:${server.port}${p}`;

  beforeAll(async () => {
    // One after the other: both migrate the same database.
    https = await start({ PUBLIC_URL: HTTPS_URL, METRICS_TOKEN });
    http = await start({ TRUST_PROXY: 'true' });
  });

  afterAll(async () => {
    await https?.close();
    await http?.close();
    await testDatabase?.drop();
  });

  it('puts the CSP and the other headers on the API, /health, socket.io and assets', async () => {
    for (const server of [https, http]) {
      const publicUrl = server === https ? HTTPS_URL : undefined;
      for (const p of [
        '/api/auth/me',
        '/api/no-such-route',
        '/health',
        '/socket.io/?EIO=4&transport=polling',
        '/manifest.webmanifest',
      ]) {
        const response = await fetch(local(server, p));
        expect(response.headers.get('content-security-policy'), p).toBe(contentSecurityPolicy);
        expectSharedHeaders(response, publicUrl);
      }
    }
  });

  it('serves pages with the same policy plus the hash of SvelteKit’s bootstrap script', async () => {
    for (const p of ['/', '/login', '/calendars/00000000-0000-4000-8000-000000000000']) {
      const response = await fetch(local(https, p));
      expect(response.status, `${p} needs the web build (npm run build)`).toBe(200);
      expectSharedHeaders(response, HTTPS_URL);
      // A 304 carries no CSP and would let the default one (without the hash) replace it.
      expect(response.headers.get('etag')).toBeNull();
      const page = directives(response.headers.get('content-security-policy'));
      const scriptHashes = page.get('script-src')?.filter((s) => s.startsWith("'sha256-"));
      expect(scriptHashes).toHaveLength(1);
      page.set(
        'script-src',
        page.get('script-src')!.filter((s) => !scriptHashes!.includes(s)),
      );
      expect(page).toEqual(sharedDirectives);
    }
  });

  it('blocks framing, plugins, foreign forms and images from other origins', () => {
    expect(sharedDirectives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(sharedDirectives.get('object-src')).toEqual(["'none'"]);
    expect(sharedDirectives.get('base-uri')).toEqual(["'self'"]);
    expect(sharedDirectives.get('form-action')).toEqual(["'self'"]);
    expect(sharedDirectives.get('img-src')).toEqual(["'self'"]);
    expect(sharedDirectives.get('font-src')).toEqual(["'self'"]);
    expect(sharedDirectives.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows exactly the static style attributes of app.html and the built client', () => {
    const clientDir = `${root}web/build/client`;
    expect(existsSync(clientDir), 'the web build (npm run build)').toBe(true);
    const sources = [readFileSync(`${root}web/src/app.html`, 'utf8')];
    for (const entry of readdirSync(clientDir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.js'))
        sources.push(readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    }
    const used = new Set(
      sources
        .flatMap((text) => [...text.matchAll(/\sstyle="([^"$]*)"/g)].map((m) => m[1]!))
        .map((style) => `sha256-${createHash('sha256').update(style).digest('base64')}`),
    );
    const allowed = contentSecurityPolicyDirectives['style-src-attr'].filter((s) =>
      s.startsWith('sha256-'),
    );
    expect(new Set(allowed)).toEqual(used);
  });

  it('names the session cookie __Host-session under https and accepts no other name', async () => {
    const register = await fetch(local(https, '/api/auth/register'), {
      method: 'POST',
      headers: { origin: HTTPS_URL, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `host-${randomBytes(4).toString('hex')}@example.test`,
        password: 'a long enough password',
        name: 'Host Prefix',
      }),
    });
    expect(register.status).toBe(201);
    const setCookie = register.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^__Host-session=[a-z2-7]{32}; /);
    expect(setCookie).toMatch(/; Path=\/(;|$)/);
    expect(setCookie).toMatch(/; Secure(;|$)/);
    expect(setCookie).not.toMatch(/Domain=/i);
    const token = /^__Host-session=([a-z2-7]{32})/.exec(setCookie)![1]!;

    const me = (cookie: string) => fetch(local(https, '/api/auth/me'), { headers: { cookie } });
    expect((await me(`__Host-session=${token}`)).status).toBe(200);
    // A plain `session` cookie could have been planted by a sibling subdomain or over http.
    expect((await me(`session=${token}`)).status).toBe(401);
  });

  it('keeps the plain session cookie over http, where browsers refuse the prefix', async () => {
    const register = await fetch(local(http, '/api/auth/register'), {
      method: 'POST',
      headers: { origin: `http://127.0.0.1:${http.port}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        email: `plain-${randomBytes(4).toString('hex')}@example.test`,
        password: 'a long enough password',
        name: 'Plain Cookie',
      }),
    });
    expect(register.status).toBe(201);
    expect(register.headers.get('set-cookie')).toMatch(/^session=[a-z2-7]{32}; /);
  });

  it('answers /metrics only with the bearer token when METRICS_TOKEN is set, loopback included', async () => {
    const metrics = (authorization?: string) =>
      fetch(local(https, '/metrics'), { headers: authorization ? { authorization } : {} });

    const missing = await metrics();
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await missing.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await metrics(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await metrics(`Basic ${METRICS_TOKEN}`)).status).toBe(401);

    const allowed = await metrics(`Bearer ${METRICS_TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('process_cpu_seconds_total');
  });

  it('answers /metrics without a token to loopback peers, unless a proxy forwarded them', async () => {
    expect((await fetch(local(http, '/metrics'))).status).toBe(200);
    const proxied = await fetch(local(http, '/metrics'), {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    expect(proxied.status).toBe(403);
  });

  it.skipIf(!externalAddress)(
    'refuses /metrics without a token to a peer off loopback, whatever X-Forwarded-For says',
    async () => {
      const response = await fetch(`http://${externalAddress}:${http.port}/metrics`, {
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'metrics_forbidden' } });
      // The rest of the server still answers that peer.
      expect((await fetch(`http://${externalAddress}:${http.port}/health`)).status).toBe(200);
    },
  );
});

describe('the production proxy', () => {
  it('sets the same header values as the shared module (Caddy cannot import it)', () => {
    const caddyfile = readFileSync(`${root}ops/caddy/Caddyfile`, 'utf8');
    const block = /\n\theader \{\n([\s\S]*?)\n\t\}/.exec(caddyfile)?.[1];
    expect(block, 'a header { … } block in the site').toBeDefined();
    const set = new Map(
      block!
        .split('\n')
        .map((line) => /^\s*\??([A-Za-z-]+)\s+(?:"(.*)"|(\S+))\s*$/.exec(line))
        .filter((m) => m !== null)
        .map((m) => [m[1]!, m[2] ?? m[3]!]),
    );
    expect(set.get('Content-Security-Policy')).toBe(contentSecurityPolicy);
    // The proxy terminates TLS, so it always sends HSTS.
    for (const [name, value] of Object.entries(securityHeaders(HTTPS_URL)))
      expect(set.get(name), name).toBe(value);
  });
});
