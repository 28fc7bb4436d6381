/** An env file as docker compose's `--env-file` reads it: values by name, and the lines it refused. */
export interface EnvFile {
  values: Map<string, string>;
  /** Line numbers (1-based) and text of lines that are neither KEY=VALUE, a comment nor blank. */
  malformed: { line: number; text: string }[];
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** Reads KEY=VALUE lines; quotes are stripped, and an unquoted value ends at ` #`. */
export function parseEnvFile(text: string): EnvFile {
  const values = new Map<string, string>();
  const malformed: EnvFile['malformed'] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = ASSIGNMENT.exec(line);
    if (!match) return void malformed.push({ line: index + 1, text: raw });
    values.set(match[1]!, unquote(match[2]!));
  });
  return { values, malformed };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[2]!;
  return value.replace(/\s+#.*$/, '').trim();
}
