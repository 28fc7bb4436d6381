import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const probe = `
  const { createTestDatabase } = await import('@callboard/db/testing');
  const database = await createTestDatabase();
  console.log(database ? 'available' : 'skipped');
`;

function runProbe(env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--conditions=callboard-source', '--import', 'tsx', '--input-type=module', '-e', probe],
    {
      env: {
        PATH: process.env.PATH ?? '',
        TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres',
        ...env,
      },
      encoding: 'utf8',
    },
  );
}

describe('tests that need Postgres when it is unreachable', () => {
  it('skip with a visible message by default', () => {
    const result = runProbe({});
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('skipped');
    expect(result.stderr).toContain('SKIPPED: Postgres is unreachable');
  });

  it('fail naming the missing service under REQUIRE_SERVICES=1', () => {
    const result = runProbe({ REQUIRE_SERVICES: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('REQUIRE_SERVICES=1 but Postgres is unreachable');
  });
});

describe('the service settings of a test run', () => {
  it('reach tests run through Turborepo, whose strict mode drops unlisted variables', () => {
    const turbo = JSON.parse(
      readFileSync(new URL('../../turbo.json', import.meta.url), 'utf8'),
    ) as { globalPassThroughEnv?: string[] };
    expect(turbo.globalPassThroughEnv).toEqual(
      expect.arrayContaining(['REQUIRE_SERVICES', 'TEST_DATABASE_URL', 'TEST_REDIS_URL']),
    );
  });
});
