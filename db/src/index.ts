export {
  isInvalidTextError,
  openDatabase,
  type Database,
  type DatabaseKind,
  type DatabaseOptions,
} from './database.js';
export { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
export { runMigrations, migrationsFolder } from './migrate.js';
export * as tables from './schema/tables.js';
export * from './repositories/calendar-document.repository.js';
export * from './repositories/user.repository.js';
export * from './repositories/session.repository.js';
export * from './repositories/project.repository.js';
export * from './repositories/membership.repository.js';
export * from './repositories/invite.repository.js';
export * from './repositories/calendar.repository.js';
export * from './repositories/audit.repository.js';
export * from './repositories/calendar-version.repository.js';
export * from './repositories/calendar-log-cursor.js';
