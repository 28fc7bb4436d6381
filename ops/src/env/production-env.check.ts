import type { EnvFile } from './env-file.js';
import { productionEnvironmentSchema, requiredVariables } from './production-env.schema.js';

export interface ProductionEnvCheck {
  problems: string[];
  /** The variables a problem names, so other checks need not say the same again. */
  flagged: Set<string>;
}

/**
 * The problems of a production env file, one line each: a required value left as in the
 * example, a value the schema refuses, or a line that is not KEY=VALUE.
 */
export function checkProductionEnv(
  file: string,
  env: EnvFile,
  example: EnvFile,
): ProductionEnvCheck {
  const problems = env.malformed.map(
    ({ line, text }) => `${file}:${line}: not a KEY=VALUE line: ${JSON.stringify(text)}`,
  );
  const flagged = new Set<string>();
  const flag = (name: string, message: string) => {
    if (flagged.has(name)) return;
    flagged.add(name);
    problems.push(`${file}: ${name} ${message}`);
  };
  for (const name of requiredVariables) {
    const value = env.values.get(name);
    if (value !== undefined && value !== '' && value === example.values.get(name))
      flag(name, "is still the example's value: set this install's own");
  }
  const parsed = productionEnvironmentSchema.safeParse(Object.fromEntries(env.values));
  for (const issue of parsed.error?.issues ?? []) {
    const names = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
    for (const name of names) flag(name, issue.message);
  }
  return { problems, flagged };
}
