import { openDatabase } from './database.js';

// `npm run db:migrate`: the one place in db/ that reads the environment, as a command.
const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './data';
try {
  const database = await openDatabase({ url, dataDir });
  await database.migrate();
  await database.close();
  console.log(`migrations applied (${url ? 'DATABASE_URL' : `embedded database in ${dataDir}`})`);
} catch (error) {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
