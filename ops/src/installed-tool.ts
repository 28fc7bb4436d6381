import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export interface ToolRun {
  /** False when the command is not on PATH: the caller falls back to its own check. */
  installed: boolean;
  ok: boolean;
  /** stdout and stderr together. */
  output: string;
}

/** Runs a checker that may not be installed (caddy, promtool) and reports what it said. */
export function runInstalledTool(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): ToolRun {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    timeout: 60_000,
  });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return {
    installed: !missing,
    ok: result.status === 0,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

/** Whether an executable of that name is on PATH (tests of the real tools skip without it). */
export function commandOnPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
