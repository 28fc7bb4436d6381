import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** The rule ids ESLint reports for `source` as if it were the file at `file`. */
async function violations(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe('the lint rule that keeps the layers apart', () => {
  it('fails a file of api that imports realtime, and one of domain that imports db', async () => {
    const fromApi = await violations(
      'api/src/projects/example.ts',
      "import { startRealtime } from '@callboard/realtime';\nexport const x = startRealtime;\n",
    );
    expect(fromApi).toContain('no-restricted-imports');
    const fromDomain = await violations(
      'domain/src/example.ts',
      "import { openDatabase } from '@callboard/db';\nexport const x = openDatabase;\n",
    );
    expect(fromDomain).toContain('no-restricted-imports');
  });

  it('fails the web app importing a server package, and lets api import domain and db', async () => {
    const fromWeb = await violations(
      'web/src/lib/example.ts',
      "import { openDatabase } from '@callboard/db';\nexport const x = openDatabase;\n",
    );
    expect(fromWeb).toContain('no-restricted-imports');
    const allowed = await violations(
      'api/src/projects/example.ts',
      "import { canEditCalendars } from '@callboard/domain';\nimport { openDatabase } from '@callboard/db';\nexport const x = [canEditCalendars, openDatabase];\n",
    );
    expect(allowed).not.toContain('no-restricted-imports');
  });
});
