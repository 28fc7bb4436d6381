import type { ProjectRole } from '@callboard/domain';
import type { AuthenticatedUser } from './relay-dependencies.js';

/** Who is on the other end of one /yjs connection, fixed at the upgrade. */
export interface YjsConnectionContext {
  calendarId: string;
  projectId: string;
  /** Null for a public-link connection. */
  user: AuthenticatedUser | null;
  /** Null for a public-link connection. */
  sessionId: string | null;
  /** The project role at the upgrade; 'link' for a public link. */
  role: ProjectRole | 'link';
  /** Read-only connections get every update but their writes are dropped. */
  readonly readOnly: boolean;
}
