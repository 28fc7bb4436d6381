import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, where the production files live. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A file as a problem line names it: relative to the repository root when inside it. */
export function displayPath(file: string): string {
  const relative = path.relative(repositoryRoot, path.resolve(file));
  return relative && !relative.startsWith('..') ? relative : file;
}
