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

  it('fails realtime importing the API, and the API importing realtime, in either direction', async () => {
    const fromRealtime = await violations(
      'realtime/src/yjs/example.ts',
      "import { buildApiApp } from '@callboard/api';\nexport const x = buildApiApp;\n",
    );
    expect(fromRealtime).toContain('no-restricted-imports');
    const fromRealtimeTest = await violations(
      'realtime/test/example.test.ts',
      "import { buildApiApp } from '@callboard/api';\nexport const x = buildApiApp;\n",
    );
    expect(fromRealtimeTest).toContain('no-restricted-imports');
    const fromApi = await violations(
      'api/src/auth/example.ts',
      "import { createRealtimeServer } from '@callboard/realtime';\nexport const x = createRealtimeServer;\n",
    );
    expect(fromApi).toContain('no-restricted-imports');
  });

  it('lets both tiers import platform and accounts, and relay tests use the API test harness', async () => {
    const shared =
      "import { createAccounts } from '@callboard/accounts';\nimport { createLogger } from '@callboard/platform';\nexport const x = [createAccounts, createLogger];\n";
    expect(await violations('realtime/src/example.ts', shared)).not.toContain(
      'no-restricted-imports',
    );
    expect(await violations('api/src/example.ts', shared)).not.toContain('no-restricted-imports');
    const harness = await violations(
      'realtime/test/example.test.ts',
      "import { registerTestUser } from '@callboard/api/testing';\nexport const x = registerTestUser;\n",
    );
    expect(harness).not.toContain('no-restricted-imports');
  });

  it('keeps platform below accounts, and accounts below the tiers', async () => {
    expect(
      await violations(
        'platform/src/example.ts',
        "import { createAccounts } from '@callboard/accounts';\nexport const x = createAccounts;\n",
      ),
    ).toContain('no-restricted-imports');
    expect(
      await violations(
        'accounts/src/example.ts',
        "import { buildApiApp } from '@callboard/api';\nexport const x = buildApiApp;\n",
      ),
    ).toContain('no-restricted-imports');
  });
});
