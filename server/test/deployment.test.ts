import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { accountsEnvironmentSchema } from '@callboard/accounts';
import { apiEnvironmentSchema } from '@callboard/api';
import { platformEnvironmentSchema } from '@callboard/platform';
import { realtimeEnvironmentSchema } from '@callboard/realtime';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// There is no Docker engine here, so the production files are checked for consistency
// with the code instead of being run.
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(root + file, 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: unknown;
  deploy?: { replicas?: string | number };
}
const compose = parse(read('docker-compose.prod.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
// The services that run the image built from ops/Dockerfile.
const appServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.prod.yml', () => {
  it('runs Postgres, Redis, the API, a scaled realtime service, the web app and a proxy', () => {
    const names = Object.keys(compose.services);
    expect(names).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'migrate', 'api', 'realtime', 'web', 'proxy']),
    );
    expect(compose.services.realtime!.deploy?.replicas).toBe('${REALTIME_REPLICAS:-2}');
  });

  it('starts each app service with an entry point the build produces', () => {
    const entries = new Set(appServices.map(([, s]) => s.command?.[1]));
    expect(entries).toEqual(
      new Set([
        'db/dist/migrate.cli.js',
        'api/dist/main.js',
        'realtime/dist/main.js',
        'server/dist/web.main.js',
      ]),
    );
    for (const [, service] of appServices) {
      expect(service.environment?.DATABASE_URL).toMatch(/^postgres:\/\//);
      expect(service.environment?.REDIS_URL).toMatch(/^redis:\/\//);
    }
  });

  it('sets only variables the config modules know about (plus adapter-node ORIGIN)', () => {
    const known = new Set([
      ...Object.keys(platformEnvironmentSchema.shape),
      ...Object.keys(accountsEnvironmentSchema.shape),
      ...Object.keys(apiEnvironmentSchema.shape),
      ...Object.keys(realtimeEnvironmentSchema.shape),
      'ORIGIN',
    ]);
    for (const [, service] of appServices) {
      for (const variable of Object.keys(service.environment ?? {}))
        expect(known).toContain(variable);
    }
  });

  it('routes the proxy to services that exist', () => {
    const caddyfile = read('ops/caddy/Caddyfile');
    const upstreams = [...caddyfile.matchAll(/([a-z0-9-]+):3000|dynamic a ([a-z0-9-]+) 3000/g)].map(
      (m) => (m[1] ?? m[2])!,
    );
    expect(upstreams.length).toBeGreaterThan(0);
    for (const upstream of upstreams) expect(Object.keys(compose.services)).toContain(upstream);
  });
});

describe('.env.example', () => {
  it('documents every variable the config modules read', () => {
    const documented = new Set(
      [...read('.env.example').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!),
    );
    const read_by_code = [
      ...Object.keys(platformEnvironmentSchema.shape),
      ...Object.keys(accountsEnvironmentSchema.shape),
      ...Object.keys(apiEnvironmentSchema.shape),
      ...Object.keys(realtimeEnvironmentSchema.shape),
    ];
    for (const variable of read_by_code) expect(documented, variable).toContain(variable);
  });
});
