import type { ProjectRole } from '@callboard/domain';
import type { AuthenticatedUser } from './relay-dependencies.js';

/**
 * What a connection keeps of its user: who edits and how presence names them. Not the whole
 * account (its email and install role): one is held for every open connection.
 */
export type ConnectionUser = Pick<AuthenticatedUser, 'id' | 'name'>;

/** Who is on the other end of one /yjs connection, fixed at the upgrade. */
export interface YjsConnectionContext {
  calendarId: string;
  projectId: string;
  user: ConnectionUser;
  sessionId: string;
  /** The project role at the upgrade. */
  role: ProjectRole;
  /** Read-only connections get every update but their writes are dropped. */
  readonly readOnly: boolean;
}
