import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { displayPath } from '../repository-paths.js';
import { runInstalledTool } from '../installed-tool.js';

export interface CaddyfileCheck {
  problems: string[];
  /** How it was checked, when not with the real parser. */
  notes: string[];
}

/** The paths the public origin must route, each to a backend. */
export const routedPaths = ['/api', '/health', '/yjs', '/socket.io'];

/**
 * Checks the Caddyfile with Caddy's own parser and provisioning (`caddy validate`) when Caddy
 * is installed; in any case checks what a parser cannot know: that each upstream is a compose
 * service, that the app's paths are routed, and that each `{$VAR}` it reads is passed to the
 * proxy service.
 */
export function checkCaddyfile(
  caddyfile: string,
  proxy: { environment: Record<string, string>; services: Set<string> },
): CaddyfileCheck {
  const file = displayPath(caddyfile);
  const text = readFileSync(caddyfile, 'utf8');
  const code = text.replace(/(^|\s)#.*$/gm, '$1');
  const problems: string[] = [];
  const notes: string[] = [];

  for (const [, variable, fallback] of code.matchAll(/\{\$([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?\}/g))
    if (fallback === undefined && !proxy.environment[variable!])
      problems.push(`${file}: reads {$${variable}}, which the proxy service does not set`);

  const upstreams = [
    ...[...code.matchAll(/^\s*reverse_proxy\b([^{\n]*)/gm)].flatMap(([, args]) =>
      args!
        .trim()
        .split(/\s+/)
        .filter((arg) => arg && !arg.startsWith('@') && !arg.startsWith('/'))
        .map((arg) => arg.replace(/^\w+:\/\//, '').split(':')[0]!),
    ),
    ...[...code.matchAll(/^\s*dynamic\s+a\s+(\S+)/gm)].map(([, name]) => name!),
  ];
  for (const upstream of new Set(upstreams))
    if (!proxy.services.has(upstream))
      problems.push(`${file}: proxies to ${upstream}, which is not a compose service`);

  const matched = [...code.matchAll(/^\s*@\S+\s+path\s+([^\n]+)/gm)].flatMap(([, paths]) =>
    paths!.trim().split(/\s+/),
  );
  for (const route of routedPaths)
    if (!matched.includes(route) && !matched.includes(`${route}/*`))
      problems.push(`${file}: routes no request for ${route}`);

  let depth = 0;
  for (const char of code) {
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    if (depth < 0) break;
  }
  if (depth !== 0) problems.push(`${file}: its braces do not balance`);

  // Caddy keeps certificates and state under XDG dirs: a scratch one, so a check writes nothing.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'callboard-caddy-'));
  try {
    const run = runInstalledTool(
      'caddy',
      ['validate', '--adapter', 'caddyfile', '--config', caddyfile],
      {
        ...proxy.environment,
        XDG_DATA_HOME: scratch,
        XDG_CONFIG_HOME: scratch,
      },
    );
    if (!run.installed)
      notes.push(
        `${file}: caddy is not installed, so only the checks above ran (apt-get install caddy)`,
      );
    else if (!run.ok) {
      const error = /^Error: (.*)$/m.exec(run.output)?.[1] ?? run.output.trim().split('\n').pop();
      problems.push(`${file}: caddy validate: ${error}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { problems, notes };
}
