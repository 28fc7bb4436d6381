import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCaddyfile } from './caddy/caddyfile.check.js';
import { checkComposeFile } from './compose/compose-file.check.js';
import { displayPath, repositoryRoot } from './repository-paths.js';
import { parseEnvFile } from './env/env-file.js';
import { checkProductionEnv } from './env/production-env.check.js';
import { checkPrometheusConfig } from './prometheus/prometheus-config.check.js';

export interface OpsCheckOptions {
  /** The install's env file. Default: ops/.env.production */
  envFile?: string;
  /** Default: docker-compose.prod.yml */
  composeFile?: string;
  /** Where the compose file's relative paths start. Default: the repository root */
  projectDirectory?: string;
  /** Default: ops/caddy/Caddyfile */
  caddyfile?: string;
  /** Default: ops/prometheus */
  prometheusDirectory?: string;
  /** Default: ops/.env.production.example */
  exampleEnvFile?: string;
}

export interface OpsCheckResult {
  /** One readable line per problem; empty when the install is ready. */
  problems: string[];
  /** What could not be checked fully, and why (a tool not installed). */
  notes: string[];
}

/** Everything `npm run ops:check` looks at: the env file, the compose file, the proxy, the alerts. */
export function runOpsCheck(options: OpsCheckOptions = {}): OpsCheckResult {
  const at = (file: string) => path.resolve(repositoryRoot, file);
  const envFile = path.resolve(options.envFile ?? at('ops/.env.production'));
  const exampleFile = options.exampleEnvFile ?? at('ops/.env.production.example');
  const envName = displayPath(envFile);
  if (!existsSync(envFile))
    return {
      problems: [
        `${envName}: not found: copy ops/.env.production.example there and fill it in, or run npm run ops:env`,
      ],
      notes: [],
    };

  const env = parseEnvFile(readFileSync(envFile, 'utf8'));
  const example = parseEnvFile(readFileSync(exampleFile, 'utf8'));
  const envCheck = checkProductionEnv(envName, env, example);
  const problems = [...envCheck.problems];
  const notes: string[] = [];

  const compose = checkComposeFile(
    options.composeFile ?? at('docker-compose.prod.yml'),
    env.values,
    {
      projectDirectory: options.projectDirectory ?? repositoryRoot,
      reported: envCheck.flagged,
      envFileName: envName,
    },
  );
  for (const [name, line] of compose.missing) if (!envCheck.flagged.has(name)) problems.push(line);
  problems.push(...compose.problems);
  for (const name of compose.referenced)
    if (!example.values.has(name))
      problems.push(
        `${displayPath(exampleFile)}: does not document ${name}, which the compose file reads`,
      );
  if (!compose.project) return { problems, notes };

  const services = new Set(Object.keys(compose.project.services));
  const proxyEnvironment = compose.project.services.proxy?.environment;
  const caddy = checkCaddyfile(options.caddyfile ?? at('ops/caddy/Caddyfile'), {
    environment: Array.isArray(proxyEnvironment) ? {} : (proxyEnvironment ?? {}),
    services,
  });
  const prometheus = checkPrometheusConfig(
    options.prometheusDirectory ?? at('ops/prometheus'),
    services,
  );
  for (const part of [caddy, prometheus]) {
    problems.push(...part.problems);
    notes.push(...part.notes);
  }
  return { problems, notes };
}
