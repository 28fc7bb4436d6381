import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { interpolate } from '../src/compose/compose-interpolation.js';
import { parseEnvFile } from '../src/env/env-file.js';
import { commandOnPath } from '../src/installed-tool.js';
import { generateProductionEnv } from '../src/env/production-env.generator.js';
import {
  estimatedEntropyBits,
  productionEnvironmentSchema,
  secretVariables,
} from '../src/env/production-env.schema.js';
import { runOpsCheck, type OpsCheckOptions } from '../src/ops-check.js';
import { repositoryRoot } from '../src/repository-paths.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'callboard-ops-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const read = (file: string) => readFileSync(path.join(repositoryRoot, file), 'utf8');
const exampleText = read('ops/.env.production.example');
const goodEnv = () =>
  generateProductionEnv(exampleText, {
    domain: 'schedule.northlight-films.co.uk',
    adminEmail: 'it@northlight-films.co.uk',
  });

let files = 0;
/** Writes `text` to a scratch file and returns its path. */
function scratchFile(name: string, text: string): string {
  const file = path.join(scratch, `${(files += 1)}-${name}`);
  writeFileSync(file, text);
  return file;
}

/** Runs the check on the real files, with the given env and any file replaced. */
function check(env: string, replaced: Omit<OpsCheckOptions, 'envFile'> = {}) {
  return runOpsCheck({ envFile: scratchFile('.env.production', env), ...replaced });
}

/** The real compose file with one edit, which must apply. */
function editedCompose(from: string | RegExp, to: string): string {
  const original = read('docker-compose.prod.yml');
  const edited = original.replace(from, to);
  expect(edited, `the edit of ${String(from)}`).not.toBe(original);
  return scratchFile('docker-compose.prod.yml', edited);
}

const withValue = (env: string, name: string, value: string) =>
  env.replace(new RegExp(`^${name}=.*$`, 'm'), `${name}=${value}`);

describe('npm run ops:check', () => {
  it('passes on the repository’s compose file, Caddyfile and alert rules with a good env file', () => {
    expect(check(goodEnv()).problems).toEqual([]);
  });

  it('says where the env file should be when there is none', () => {
    const { problems } = runOpsCheck({ envFile: path.join(scratch, 'absent.env') });
    expect(problems).toEqual([expect.stringMatching(/absent\.env: not found: copy .*example/)]);
  });

  it('names a secret the env file lacks, once', () => {
    const env = goodEnv().replace(/^METRICS_TOKEN=.*\n/m, '');
    expect(check(env).problems).toEqual([
      expect.stringMatching(/: METRICS_TOKEN is missing: make one with `openssl rand -hex 32`$/),
    ]);
  });

  it('names a secret a compose file reads that the env file does not set', () => {
    const compose = editedCompose(
      '      BACKUP_AT: ${BACKUP_AT:-03:00}\n',
      '      BACKUP_AT: ${BACKUP_AT:-03:00}\n      S3_SECRET: ${BACKUP_S3_SECRET:?set BACKUP_S3_SECRET}\n',
    );
    const { problems } = check(goodEnv(), { composeFile: compose });
    expect(problems).toContainEqual(
      expect.stringMatching(
        /docker-compose\.prod\.yml: BACKUP_S3_SECRET is not set in .*\(needed by services\.backup\.environment\.S3_SECRET\)$/,
      ),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/example: does not document BACKUP_S3_SECRET/),
    );
  });

  it('refuses a secret written into the compose file itself', () => {
    const compose = editedCompose(
      /POSTGRES_PASSWORD: \$\{POSTGRES_PASSWORD:\?[^}]*\}/,
      'POSTGRES_PASSWORD: hunter2-but-longer-and-in-git',
    );
    expect(check(goodEnv(), { composeFile: compose }).problems).toEqual([
      expect.stringMatching(
        /services\.postgres\.environment\.POSTGRES_PASSWORD is written in the file: take it from /,
      ),
    ]);
  });

  it('names a depends_on target that is not a service', () => {
    const compose = editedCompose(
      '      api: { condition: service_healthy }\n      realtime:',
      '      apii: { condition: service_healthy }\n      realtime:',
    );
    expect(check(goodEnv(), { composeFile: compose }).problems).toEqual([
      expect.stringMatching(
        /docker-compose\.prod\.yml: services\.proxy\.depends_on names apii, which is not a service$/,
      ),
    ]);
  });

  it('names an undeclared network or volume and a mounted file that does not exist', () => {
    let text = read('docker-compose.prod.yml');
    text = text.replace(
      '    networks: [backend]\n\n  redis:',
      '    networks: [bakend]\n\n  redis:',
    );
    text = text.replace("'prometheus-data:/prometheus'", "'prometheus-db:/prometheus'");
    text = text.replace('./ops/caddy/Caddyfile:', './ops/caddy/Caddyfile.prod:');
    const { problems } = check(goodEnv(), {
      composeFile: scratchFile('docker-compose.prod.yml', text),
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/services\.postgres\.networks names bakend, which is not declared/),
        expect.stringMatching(
          /services\.prometheus\.volumes names prometheus-db, which is not declared/,
        ),
        expect.stringMatching(
          /services\.proxy\.volumes mounts \.\/ops\/caddy\/Caddyfile\.prod, which does not exist/,
        ),
      ]),
    );
  });

  it('refuses a wait for a mere start, for health without a healthcheck, and a one-shot that restarts', () => {
    const started = editedCompose(
      '      web: { condition: service_healthy }\n',
      '      web: { condition: service_started }\n',
    );
    expect(check(goodEnv(), { composeFile: started }).problems).toEqual([
      expect.stringMatching(
        /services\.proxy\.depends_on\.web must wait for service_healthy \(or service_completed_successfully for a one-shot\)$/,
      ),
    ]);
    const compose = editedCompose(
      "    command: ['node', 'db/dist/migrate.cli.js']\n    restart: 'no'\n",
      "    command: ['node', 'db/dist/migrate.cli.js']\n    restart: unless-stopped\n",
    );
    expect(check(goodEnv(), { composeFile: compose }).problems).toContainEqual(
      expect.stringMatching(
        /services\.api\.depends_on\.migrate waits for migrate to finish, but its restart policy restarts it/,
      ),
    );
    const unhealthy = editedCompose(
      '      web: { condition: service_healthy }\n',
      '      web: { condition: service_healthy }\n      prometheus: { condition: service_healthy }\n',
    );
    expect(check(goodEnv(), { composeFile: unhealthy }).problems).toEqual([
      expect.stringMatching(
        /services\.proxy\.depends_on\.prometheus waits for health, but prometheus has no healthcheck$/,
      ),
    ]);
  });

  it('refuses what the compose specification does not allow', () => {
    const compose = editedCompose('    stop_grace_period: 60s\n', '    stop_grace_priod: 60s\n');
    expect(check(goodEnv(), { composeFile: compose }).problems).toEqual([
      expect.stringMatching(
        /docker-compose\.prod\.yml: services\.postgres has an unknown key stop_grace_priod$/,
      ),
    ]);
  });

  it('names a proxy upstream that is not a service and a route that is missing', () => {
    const caddyfile = scratchFile(
      'Caddyfile',
      read('ops/caddy/Caddyfile')
        .replaceAll('dynamic a realtime 3000', 'dynamic a realtim 3000')
        .replace('@socketio path /socket.io /socket.io/*', '@socketio path /socket/*'),
    );
    expect(check(goodEnv(), { caddyfile }).problems).toEqual([
      expect.stringMatching(/Caddyfile: proxies to realtim, which is not a compose service$/),
      expect.stringMatching(/Caddyfile: routes no request for \/socket\.io$/),
    ]);
  });

  it('reports what Caddy’s own parser refuses', { skip: !commandOnPath('caddy') }, () => {
    const caddyfile = scratchFile(
      'Caddyfile',
      read('ops/caddy/Caddyfile').replace('lb_policy least_conn', 'lb_policy fewest_people'),
    );
    expect(check(goodEnv(), { caddyfile }).problems).toEqual([
      expect.stringMatching(/Caddyfile: caddy validate: .*fewest_people/),
    ]);
  });

  it(
    'runs the alert rules’ unit tests and reports a failing one',
    { skip: !commandOnPath('promtool') },
    () => {
      const directory = mkdtempSync(path.join(scratch, 'prometheus-'));
      for (const file of ['prometheus.yml', 'alerts.yml', 'alerts.test.yml'])
        writeFileSync(path.join(directory, file), read(`ops/prometheus/${file}`));
      const alerts = path.join(directory, 'alerts.yml');
      writeFileSync(alerts, readFileSync(alerts, 'utf8').replace('for: 5m', 'for: 50m'));
      expect(check(goodEnv(), { prometheusDirectory: directory }).problems).toEqual([
        expect.stringMatching(
          /alerts\.test\.yml: promtool test rules: alertname: CallboardInstanceDown, time: 6m fired otherwise than expected$/,
        ),
      ]);
    },
  );
});

describe('the env file’s secrets', () => {
  it.each([
    ['a short one', 'x7Kq9', /POSTGRES_PASSWORD is too short: 5 characters, at least 32/],
    [
      'a repeated word',
      'passwordpasswordpasswordpassword',
      /POSTGRES_PASSWORD is too predictable: about \d+ bits, at least 80/,
    ],
    ['the example’s placeholder', 'replace-with-openssl-rand-hex-32', /still the example's value/],
    ['one that would break DATABASE_URL', `${'a1b2c3d4'.repeat(4)}@/x`, /may hold only letters/],
    ['an empty one', '', /POSTGRES_PASSWORD is empty/],
  ])('refuses %s, naming the variable', (_what, value, message) => {
    const problems = check(withValue(goodEnv(), 'POSTGRES_PASSWORD', value)).problems;
    expect(problems).toEqual([expect.stringMatching(message)]);
  });

  it('accepts what openssl rand -hex 32 and -hex 16 make', () => {
    for (let i = 0; i < 200; i += 1) {
      for (const bytes of [16, 32]) {
        const value = randomBytes(bytes).toString('hex');
        expect(estimatedEntropyBits(value), value).toBeGreaterThanOrEqual(80);
      }
    }
  });

  it('refuses a domain with a scheme, a misspelt variable and a bad replica count', () => {
    let env = withValue(goodEnv(), 'CALLBOARD_DOMAIN', 'https://schedule.example.org/');
    env = withValue(env, 'REALTIME_REPLICAS', 'two');
    env += 'POSTGRES_PASWORD=abc\n';
    expect(check(env).problems).toEqual([
      expect.stringMatching(/CALLBOARD_DOMAIN must be a host name such as schedule\.example\.com/),
      expect.stringMatching(/REALTIME_REPLICAS must be a whole number/),
      expect.stringMatching(/POSTGRES_PASWORD is not a variable of the install/),
    ]);
  });
});

describe('the documented variables', () => {
  it('are exactly those the compose file reads and the check knows', () => {
    const example = [...parseEnvFile(exampleText).values.keys()].sort();
    const compose = parse(read('docker-compose.prod.yml'), { merge: true }) as object;
    const referenced = interpolate(compose, new Map()).referenced;
    referenced.add('METRICS_TOKEN');
    expect([...referenced].sort()).toEqual(example);
    expect(Object.keys(productionEnvironmentSchema.shape).sort()).toEqual(example);
    expect(secretVariables.sort()).toEqual([
      'LOGIN_AUDIT_KEY',
      'METRICS_TOKEN',
      'POSTGRES_PASSWORD',
    ]);
  });
});

describe('compose interpolation', () => {
  const env = new Map([
    ['SET', 'value'],
    ['EMPTY', ''],
  ]);
  it.each([
    ['${SET}', 'value'],
    ['$SET/x', 'value/x'],
    ['$$SET', '$SET'],
    ['${EMPTY:-fallback}', 'fallback'],
    ['${EMPTY-fallback}', ''],
    ['${UNSET-fallback}', 'fallback'],
    ['${UNSET:-${SET}-nested}', 'value-nested'],
    ['${SET:+on}${UNSET:+on}', 'on'],
  ])('reads %s as %s', (text, expected) => {
    const result = interpolate({ a: text }, env);
    expect(result.value.a).toBe(expected);
    expect(result.missing).toEqual([]);
  });

  it('reports ${NAME:?message} for an unset or empty variable, with where and the message', () => {
    const result = interpolate(
      { services: { a: { x: '${EMPTY:?set EMPTY}', y: '${UNSET?}' } } },
      env,
    );
    expect(result.missing).toEqual([
      { name: 'EMPTY', where: 'services.a.x', message: 'set EMPTY' },
      { name: 'UNSET', where: 'services.a.y', message: '' },
    ]);
  });
});
