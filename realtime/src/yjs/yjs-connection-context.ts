import type { ProjectRole } from '@callboard/domain';
import type { AuthenticatedUser } from './relay-dependencies.js';

/** Who is on the other end of one /yjs connection, fixed at the upgrade. */
export interface YjsConnectionContext {
  calendarId: string;
  projectId: string;
  user: AuthenticatedUser;
  sessionId: string;
  /** The project role at the upgrade. */
  role: ProjectRole;
  /** Read-only connections get every update but their writes are dropped. */
  readonly readOnly: boolean;
}
