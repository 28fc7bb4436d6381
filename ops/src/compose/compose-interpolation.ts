/** A variable that a `${…}` reference needs and the env file does not give. */
export interface MissingVariable {
  name: string;
  /** Where in the compose file, as a dotted path (`services.api.environment.PUBLIC_URL`). */
  where: string;
  /** The message of `${NAME:?message}`, if the reference carries one. */
  message?: string;
}

export interface Interpolated<T> {
  value: T;
  missing: MissingVariable[];
  /** Every variable name referenced, given or not. */
  referenced: Set<string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Substitutes variables in every string value (not key) of a parsed compose file, with the
 * compose specification's syntax: `$$`, `$NAME`, `${NAME}`, and `${NAME<op>word}` where op is
 * `:-` / `-` (default when unset or empty / unset), `:?` / `?` (error) or `:+` / `+`
 * (replacement when set); the word may hold references itself.
 */
export function interpolate<T>(document: T, env: ReadonlyMap<string, string>): Interpolated<T> {
  const missing: MissingVariable[] = [];
  const referenced = new Set<string>();
  const walk = (node: unknown, where: string[]): unknown => {
    if (typeof node === 'string')
      return substitute(node, env, where.join('.'), missing, referenced);
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...where, String(i)]));
    if (node && typeof node === 'object')
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, walk(value, [...where, key])]),
      );
    return node;
  };
  return { value: walk(document, []) as T, missing, referenced };
}

function substitute(
  text: string,
  env: ReadonlyMap<string, string>,
  where: string,
  missing: MissingVariable[],
  referenced: Set<string>,
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next !== '{') {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) {
        out += '$';
        i += 1;
        continue;
      }
      referenced.add(name);
      const value = env.get(name);
      if (value === undefined) missing.push({ name, where });
      out += value ?? '';
      i += 1 + name.length;
      continue;
    }
    const close = matchingBrace(text, i + 1);
    if (close < 0) throw new Error(`${where}: unclosed "\${" in ${JSON.stringify(text)}`);
    const body = text.slice(i + 2, close);
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`${where}: invalid reference "\${${body}}"`);
    referenced.add(name);
    const rest = body.slice(name.length);
    const operator = /^(:-|-|:\?|\?|:\+|\+)?/.exec(rest)![0];
    const word = () => substitute(rest.slice(operator.length), env, where, missing, referenced);
    const value = env.get(name);
    const unset = value === undefined;
    const empty = unset || value === '';
    if (operator === '' && rest !== '')
      throw new Error(`${where}: invalid reference "\${${body}}"`);
    switch (operator) {
      case ':-':
        out += empty ? word() : value;
        break;
      case '-':
        out += unset ? word() : value;
        break;
      case ':?':
      case '?':
        if (operator === ':?' ? empty : unset) missing.push({ name, where, message: word() });
        out += value ?? '';
        break;
      case ':+':
        out += empty ? '' : word();
        break;
      case '+':
        out += unset ? '' : word();
        break;
      default:
        if (unset) missing.push({ name, where });
        out += value ?? '';
    }
    i = close + 1;
  }
  return out;
}

/** The index of the `}` closing the `{` at `open`, counting nested references. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '{') depth += 1;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}
