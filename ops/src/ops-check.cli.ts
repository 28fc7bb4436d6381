import { runOpsCheck } from './ops-check.js';

// `npm run ops:check [-- ENV_FILE]`: one line per problem on stderr, exit 1 if there is any.
const args = process.argv.slice(2);
if (args.some((arg) => arg.startsWith('-'))) {
  console.error('usage: npm run ops:check [-- ENV_FILE]   (default ENV_FILE: ops/.env.production)');
  process.exit(2);
}
const { problems, notes } = runOpsCheck({ envFile: args[0] });
for (const note of notes) console.warn(`note: ${note}`);
for (const problem of problems) console.error(problem);
if (problems.length > 0) {
  console.error(`ops:check: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(
  'ops:check: docker-compose.prod.yml, the Caddyfile, the alert rules and the env file are ready',
);
