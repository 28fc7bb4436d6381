import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../src/repository-paths.js';

// There is no Docker engine in CI: the Dockerfile is checked against the workspaces instead.
const read = (file: string) => readFileSync(path.join(repositoryRoot, file), 'utf8');
const dockerfile = read('ops/Dockerfile');
const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
const manifest = (workspace: string) =>
  JSON.parse(read(`${workspace}/package.json`)) as {
    name: string;
    dependencies?: Record<string, string>;
  };
const byName = new Map(workspaces.map((w) => [manifest(w).name, w]));

/** The workspaces a process loads: `server` and its production dependencies, transitively. */
function loadedWorkspaces(): Set<string> {
  const loaded = new Set<string>();
  const visit = (workspace: string) => {
    if (loaded.has(workspace)) return;
    loaded.add(workspace);
    for (const dependency of Object.keys(manifest(workspace).dependencies ?? {})) {
      const inner = byName.get(dependency);
      if (inner) visit(inner);
    }
  };
  visit('server');
  return loaded;
}

describe('ops/Dockerfile', () => {
  it('installs from every workspace’s manifest, as npm ci needs', () => {
    for (const workspace of workspaces)
      expect(dockerfile, workspace).toMatch(
        new RegExp(`^COPY ${workspace}/package.json ${workspace}/$`, 'm'),
      );
  });

  it('ships the manifest and the build of every workspace the processes load, and no sources', () => {
    const loaded = loadedWorkspaces();
    expect(loaded).toEqual(
      new Set(['server', 'api', 'realtime', 'web', 'db', 'domain', ...loaded]),
    );
    for (const workspace of loaded) {
      const output = workspace === 'web' ? 'build' : 'dist';
      expect(dockerfile, workspace).toContain(
        `COPY --from=build /app/${workspace}/${output} ${workspace}/${output}`,
      );
      expect(dockerfile, workspace).toContain(
        `COPY --from=build /app/${workspace}/package.json ${workspace}/`,
      );
    }
    expect(dockerfile).not.toMatch(/^COPY --from=build \/app\/\w+\/src /m);
  });

  it('runs as a non-root user with a healthcheck and OCI labels', () => {
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    for (const label of ['version', 'revision', 'source'])
      expect(runtime).toContain(`org.opencontainers.image.${label}=`);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-/m);
  });
});
