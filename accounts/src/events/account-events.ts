import { ProjectRoleSchema } from '@callboard/domain';
import { z } from 'zod';

/** Bus channel on which the API announces changes that the realtime tier must enforce at once. */
export const ACCOUNT_EVENTS_CHANNEL = 'account-events';

export const AccountEventSchema = z.discriminatedUnion('type', [
  /** One session ended (logout). */
  z.object({ type: z.literal('session.revoked'), sessionId: z.string(), userId: z.string() }),
  /** Every session of a user ended (password change, account disabled). */
  z.object({ type: z.literal('user.sessions-revoked'), userId: z.string(), reason: z.string() }),
  /** A membership changed; `role` null means the user was removed from the project. */
  z.object({
    type: z.literal('membership.changed'),
    projectId: z.string(),
    userId: z.string(),
    role: ProjectRoleSchema.nullable(),
  }),
  /** A project was renamed: cached project lists drop it. */
  z.object({ type: z.literal('project.renamed'), projectId: z.string() }),
  /** A project and its calendars were deleted; everyone connected to them is disconnected. */
  z.object({ type: z.literal('project.deleted'), projectId: z.string() }),
  /** A calendar was deleted; everyone connected to it is disconnected. */
  z.object({ type: z.literal('calendar.deleted'), projectId: z.string(), calendarId: z.string() }),
]);

export type AccountEvent = z.infer<typeof AccountEventSchema>;
