import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateProductionEnv } from './env/production-env.generator.js';
import { repositoryRoot } from './repository-paths.js';

// `npm run ops:env -- --domain HOST --admin-email EMAIL [--out FILE]`: writes a new install's
// env file with fresh secrets. It never overwrites one: the database keeps its first password.
const usage =
  'usage: npm run ops:env -- --domain schedule.example.com --admin-email you@example.com [--out ops/.env.production]';
let values;
try {
  ({ values } = parseArgs({
    options: {
      domain: { type: 'string' },
      'admin-email': { type: 'string' },
      out: { type: 'string', default: path.join(repositoryRoot, 'ops/.env.production') },
    },
  }));
} catch {
  console.error(usage);
  process.exit(2);
}
if (!values.domain || !values['admin-email']) {
  console.error(usage);
  process.exit(2);
}
const out = path.resolve(values.out);
if (existsSync(out)) {
  console.error(`${out} exists; not overwriting it (move it away first if you mean to)`);
  process.exit(1);
}
const example = readFileSync(path.join(repositoryRoot, 'ops/.env.production.example'), 'utf8');
writeFileSync(
  out,
  generateProductionEnv(example, { domain: values.domain, adminEmail: values['admin-email'] }),
  {
    mode: 0o600,
  },
);
console.log(`wrote ${out} (readable by you only); now run npm run ops:check`);
