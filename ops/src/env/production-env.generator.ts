import { randomBytes } from 'node:crypto';
import { secretVariables } from './production-env.schema.js';

/**
 * An env file for a new install: the example, comments and defaults kept, with the domain and
 * admin email given and a fresh secret of 256 random bits (hex) for each secret variable.
 */
export function generateProductionEnv(
  exampleText: string,
  install: { domain: string; adminEmail: string },
): string {
  const values: Record<string, () => string> = {
    CALLBOARD_DOMAIN: () => install.domain,
    ADMIN_EMAIL: () => install.adminEmail,
    ...Object.fromEntries(
      secretVariables.map((name) => [name, () => randomBytes(32).toString('hex')]),
    ),
  };
  return exampleText.replace(/^([A-Z][A-Z0-9_]*)=.*$/gm, (line, name: string) =>
    values[name] ? `${name}=${values[name]()}` : line,
  );
}
