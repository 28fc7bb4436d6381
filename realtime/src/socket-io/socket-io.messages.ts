import type { AppError } from '@callboard/platform';
import type { ProjectRole } from '@callboard/domain';
import { z } from 'zod';

/** Client → server messages; every one is validated (unknown keys refused) and acknowledged. */
export const FollowProjectSchema = z.strictObject({ projectId: z.uuid() });
export const FollowCalendarSchema = z.strictObject({ calendarId: z.uuid() });
export const PresenceSetSchema = z.strictObject({
  projectId: z.uuid(),
  calendarId: z.uuid().nullable(),
  /** The event the user has open, if any. */
  editing: z.string().max(100).nullable().optional(),
});

/** The payload schema of every client event; any other event name is refused. */
export const CLIENT_EVENT_SCHEMAS = {
  'project:follow': FollowProjectSchema,
  'project:unfollow': FollowProjectSchema,
  'calendar:follow': FollowCalendarSchema,
  'calendar:unfollow': FollowCalendarSchema,
  'presence:set': PresenceSetSchema,
} as const;

export type ClientEventName = keyof typeof CLIENT_EVENT_SCHEMAS;

export type Ack = { ok: true } | { ok: false; error: { code: string; message: string } };

/** A refusal acknowledged with the code the HTTP API uses for the same cause. */
export function refusedAck(error: AppError): Ack {
  return { ok: false, error: { code: error.code, message: error.message } };
}

export interface PresenceMember {
  userId: string;
  name: string;
  calendarId: string | null;
  editing: string | null;
}

/** A project's presence: who may edit, by name; read-only followers only as a count. */
export interface ProjectPresence {
  projectId: string;
  members: PresenceMember[];
  viewers: number;
}

export interface CalendarChange {
  eventId: string;
  change: 'created' | 'updated' | 'deleted';
}

/** Server → client events. */
export interface ServerEvents {
  presence: (payload: ProjectPresence) => void;
  'calendar:changed': (payload: {
    calendarId: string;
    projectId: string;
    changes: CalendarChange[];
    by: { userId: string; name: string };
    at: string;
  }) => void;
  'session:revoked': (payload: { reason: string }) => void;
  'access:revoked': (payload: { projectId: string; calendarId?: string; reason: string }) => void;
}

export type ClientEvents = Record<
  ClientEventName,
  (payload: unknown, ack?: (result: Ack) => void) => void
>;

/** What the server keeps per socket (shared across instances by the adapter's fetchSockets). */
export interface SocketData {
  userId: string;
  name: string;
  sessionId: string;
  /** Followed projects and the user's role in each. */
  projects: Record<string, ProjectRole>;
  /** Followed calendars, each with its project and the user's role there. */
  calendars: Record<string, { projectId: string; role: ProjectRole }>;
  presence: { projectId: string; calendarId: string | null; editing: string | null } | null;
}

export const projectRoom = (projectId: string) => `project:${projectId}`;
export const calendarRoom = (calendarId: string) => `calendar:${calendarId}`;
