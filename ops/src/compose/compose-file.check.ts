import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { displayPath } from '../repository-paths.js';
import { interpolate, type MissingVariable } from './compose-interpolation.js';
import composeSpecSchema from './compose-spec.schema.json' with { type: 'json' };

/** The parts of a compose service the checks read. */
export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[];
  restart?: string;
  environment?: Record<string, string> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: unknown; disable?: boolean };
  networks?: string[] | Record<string, unknown>;
  volumes?: (string | { type?: string; source?: string })[];
  secrets?: (string | { source: string })[];
  deploy?: { replicas?: string | number; resources?: { limits?: Record<string, unknown> } };
}

export interface ComposeProject {
  services: Record<string, ComposeService>;
  networks?: Record<string, unknown>;
  volumes?: Record<string, unknown>;
  secrets?: Record<string, unknown>;
}

export interface ComposeCheck {
  problems: string[];
  /** One line per variable the file needs and the env file lacks, by variable. */
  missing: Map<string, string>;
  /** The file after interpolation, for checks of what it passes on (the proxy's variables). */
  project: ComposeProject | null;
  /** Every variable the file references. */
  referenced: Set<string>;
}

// The compose specification's own schema (compose-spec/compose-spec, schema/compose-spec.json,
// commit 170098b), vendored: the npm copies of it date from 2021 and refuse today's keys.
const validateSchema = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(
  composeSpecSchema,
);

/** Names whose value must come from the env file, never from the compose file itself. */
const SECRET_NAME = /(PASSWORD|TOKEN|SECRET|_KEY)$/;
const ONLY_REFERENCES = /^(\$\{[^}]+\})+$/;
/** Protocols each URL-valued variable may have. */
const URL_PROTOCOLS: Record<string, string[]> = {
  DATABASE_URL: ['postgres:', 'postgresql:'],
  REDIS_URL: ['redis:', 'rediss:'],
  PUBLIC_URL: ['https:'],
  ORIGIN: ['https:'],
};

/**
 * Checks a compose file as `docker compose config` would, with `env` as its env file:
 * interpolation, the compose specification's schema, then what the schema cannot see:
 * references between services, networks, volumes and secrets; health conditions; restart
 * policies and limits; secrets written into the file; URLs that do not parse.
 */
export function checkComposeFile(
  composeFile: string,
  env: ReadonlyMap<string, string>,
  options: {
    projectDirectory?: string;
    envFileName?: string;
    /** Variables already reported: values made from them are not checked again. */
    reported?: ReadonlySet<string>;
  } = {},
): ComposeCheck {
  const file = displayPath(composeFile);
  const projectDirectory = options.projectDirectory ?? path.dirname(composeFile);
  const envFileName = options.envFileName ?? 'the env file';
  const raw = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as ComposeProject;
  const problems: string[] = [];
  const at = (where: string, message: string) => problems.push(`${file}: ${where} ${message}`);
  // The same URL problem in each service that merges the anchor is one problem.
  const urlProblems = new Map<string, string[]>();

  let interpolated;
  try {
    interpolated = interpolate(raw, env);
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message}`);
    return { problems, missing: new Map(), project: null, referenced: new Set() };
  }
  // A secret's `environment` names a variable compose reads from the env file.
  for (const [name, secret] of Object.entries(raw.secrets ?? {})) {
    const variable = (secret as { environment?: string }).environment;
    if (!variable) continue;
    interpolated.referenced.add(variable);
    if (!env.has(variable)) interpolated.missing.push({ name: variable, where: `secrets.${name}` });
  }
  // Name a service where one needs it, rather than an x- anchor it merges.
  interpolated.missing.sort(
    (a, b) => Number(a.where.startsWith('x-')) - Number(b.where.startsWith('x-')),
  );
  const missingByName = new Map<string, MissingVariable[]>();
  for (const missing of interpolated.missing)
    missingByName.set(missing.name, [...(missingByName.get(missing.name) ?? []), missing]);
  const missing = new Map<string, string>();
  for (const [name, places] of missingByName) {
    const more = places.length > 1 ? ` and ${places.length - 1} more` : '';
    missing.set(
      name,
      `${file}: ${name} is not set in ${envFileName} (needed by ${places[0]!.where}${more})`,
    );
  }

  const project = interpolated.value;
  if (!validateSchema(project)) {
    for (const error of readableSchemaErrors(validateSchema.errors ?? []))
      problems.push(`${file}: ${error}`);
    return { problems, missing, project: null, referenced: interpolated.referenced };
  }

  const services = project.services ?? {};
  const names = new Set(Object.keys(services));
  for (const [name, service] of Object.entries(services)) {
    const where = `services.${name}`;
    const rawService = raw.services[name]!;
    for (const [target, condition] of dependencies(service)) {
      if (!names.has(target)) {
        at(`${where}.depends_on`, `names ${target}, which is not a service`);
        continue;
      }
      // Started is not ready: a dependant must wait for health, or for a one-shot to finish.
      if (condition !== 'service_healthy' && condition !== 'service_completed_successfully')
        at(
          `${where}.depends_on.${target}`,
          'must wait for service_healthy (or service_completed_successfully for a one-shot)',
        );
      if (condition === 'service_healthy' && !hasHealthcheck(services[target]!, projectDirectory))
        at(`${where}.depends_on.${target}`, `waits for health, but ${target} has no healthcheck`);
      if (condition === 'service_completed_successfully' && services[target]!.restart !== 'no')
        at(
          `${where}.depends_on.${target}`,
          `waits for ${target} to finish, but its restart policy restarts it`,
        );
    }
    for (const network of listOrKeys(service.networks))
      if (!(network in (project.networks ?? {})) && network !== 'default')
        at(`${where}.networks`, `names ${network}, which is not declared under networks`);
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
      if (/^[./~]/.test(source)) {
        if (!existsSync(path.resolve(projectDirectory, source)))
          at(`${where}.volumes`, `mounts ${source}, which does not exist`);
      } else if (source && !(source in (project.volumes ?? {})))
        at(`${where}.volumes`, `names ${source}, which is not declared under volumes`);
    }
    for (const secret of service.secrets ?? []) {
      const source = typeof secret === 'string' ? secret : secret.source;
      if (!(source in (project.secrets ?? {})))
        at(`${where}.secrets`, `names ${source}, which is not declared under secrets`);
    }
    if (!service.restart) at(where, 'has no restart policy');
    const limits = service.deploy?.resources?.limits ?? {};
    for (const limit of ['memory', 'cpus'])
      if (!(limit in limits)) at(where, `has no ${limit} limit (deploy.resources.limits.${limit})`);

    const rawEnvironment = asRecord(rawService.environment);
    for (const [variable, value] of Object.entries(asRecord(service.environment))) {
      const written = rawEnvironment[variable] ?? '';
      if (SECRET_NAME.test(variable) && written !== '' && !ONLY_REFERENCES.test(written))
        at(
          `${where}.environment.${variable}`,
          `is written in the file: take it from ${envFileName}`,
        );
      const protocols = URL_PROTOCOLS[variable];
      const fromReported = [...written.matchAll(/\$\{(\w+)/g)].some(([, n]) =>
        options.reported?.has(n!),
      );
      if (protocols && !fromReported) checkUrl(name, variable, value, written, protocols);
    }
  }
  for (const [problem, where] of urlProblems) {
    const more = where.length > 1 ? ` (and in ${where.slice(1).join(', ')})` : '';
    problems.push(`${file}: services.${where[0]}.environment.${problem}${more}`);
  }
  for (const cycle of dependencyCycles(services))
    problems.push(`${file}: services depend on each other in a circle: ${cycle.join(' -> ')}`);
  return { problems, missing, project, referenced: interpolated.referenced };

  function checkUrl(
    service: string,
    variable: string,
    value: string,
    written: string,
    protocols: string[],
  ) {
    const report = (message: string) => {
      const key = `${variable} ${message}`;
      urlProblems.set(key, [...(urlProblems.get(key) ?? []), service]);
    };
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return report('is not a well-formed URL');
    }
    if (!protocols.includes(url.protocol))
      return report(`must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    if (!url.hostname) return report('has no host');
    // A password with @, / or : moves the host part; the host must stay the intended one.
    const writtenHost = /@([^:/]+)/.exec(written)?.[1];
    if (writtenHost && !writtenHost.includes('$') && url.hostname !== writtenHost)
      report(
        `points at host ${url.hostname} instead of ${writtenHost}: a value in it breaks the URL`,
      );
    else if (['redis:', 'postgres:'].some((p) => protocols.includes(p)) && !names.has(url.hostname))
      report(`points at ${url.hostname}, which is not a service`);
  }
}

function dependencies(service: ComposeService): [string, string | undefined][] {
  const dependsOn = service.depends_on ?? [];
  if (Array.isArray(dependsOn)) return dependsOn.map((name) => [name, undefined]);
  return Object.entries(dependsOn).map(([name, spec]) => [name, spec?.condition]);
}

function listOrKeys(value: string[] | Record<string, unknown> | undefined): string[] {
  return Array.isArray(value) ? value : Object.keys(value ?? {});
}

function asRecord(environment: ComposeService['environment']): Record<string, string> {
  if (!Array.isArray(environment)) return { ...(environment ?? {}) };
  return Object.fromEntries(
    environment.map((entry) => [entry.split('=')[0]!, entry.split('=').slice(1).join('=')]),
  );
}

/** A healthcheck in the file, or one in the Dockerfile the service is built from. */
function hasHealthcheck(service: ComposeService, projectDirectory: string): boolean {
  if (service.healthcheck)
    return !service.healthcheck.disable && service.healthcheck.test !== undefined;
  if (!service.build) return false;
  const build = typeof service.build === 'string' ? { context: service.build } : service.build;
  const dockerfile = path.resolve(
    projectDirectory,
    build.context ?? '.',
    build.dockerfile ?? 'Dockerfile',
  );
  return (
    existsSync(dockerfile) && /^HEALTHCHECK\s+(?!NONE)/m.test(readFileSync(dockerfile, 'utf8'))
  );
}

function dependencyCycles(services: Record<string, ComposeService>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (trail.includes(name)) return void cycles.push([...trail.slice(trail.indexOf(name)), name]);
    if (done.has(name) || !services[name]) return;
    for (const [target] of dependencies(services[name]!)) visit(target, [...trail, name]);
    done.add(name);
  };
  for (const name of Object.keys(services)) visit(name, []);
  return cycles;
}

/**
 * One line per schema violation: the deepest error at each place, since `oneOf` reports every
 * branch it tried.
 */
function readableSchemaErrors(errors: ErrorObject[]): string[] {
  const specific = errors.filter(
    (error) =>
      !['oneOf', 'anyOf', 'if'].includes(error.keyword) &&
      !errors.some(
        (other) => other !== error && other.instancePath.startsWith(`${error.instancePath}/`),
      ),
  );
  const lines = specific.map((error) => {
    const where = error.instancePath.slice(1).replaceAll('/', '.') || 'the file';
    if (error.keyword === 'additionalProperties')
      return `${where} has an unknown key ${String(error.params.additionalProperty)}`;
    return `${where} ${error.message ?? 'is invalid'}`;
  });
  return [...new Set(lines)];
}
