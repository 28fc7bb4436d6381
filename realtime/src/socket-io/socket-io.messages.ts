import { z } from 'zod';

/** Client → server messages; every one is validated and acknowledged. */
export const FollowProjectSchema = z.object({ projectId: z.uuid() });
export const FollowCalendarSchema = z.object({ calendarId: z.uuid() });
export const PresenceSetSchema = z.object({
  projectId: z.uuid(),
  calendarId: z.uuid().nullable(),
  /** The event the user has open, if any. */
  editing: z.string().max(100).nullable().optional(),
});

export type Ack = { ok: true } | { ok: false; error: { code: string; message: string } };

export interface PresenceMember {
  userId: string;
  name: string;
  calendarId: string | null;
  editing: string | null;
}

export interface CalendarChange {
  eventId: string;
  change: 'created' | 'updated' | 'deleted';
}

/** Server → client events. */
export interface ServerEvents {
  presence: (payload: { projectId: string; members: PresenceMember[] }) => void;
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

export interface ClientEvents {
  'project:follow': (payload: unknown, ack?: (result: Ack) => void) => void;
  'project:unfollow': (payload: unknown, ack?: (result: Ack) => void) => void;
  'calendar:follow': (payload: unknown, ack?: (result: Ack) => void) => void;
  'calendar:unfollow': (payload: unknown, ack?: (result: Ack) => void) => void;
  'presence:set': (payload: unknown, ack?: (result: Ack) => void) => void;
}

/** What the server keeps per socket (shared across instances by the adapter's fetchSockets). */
export interface SocketData {
  userId: string;
  name: string;
  sessionId: string;
  /** Followed calendars and the project each belongs to. */
  calendars: Record<string, string>;
  presence: { projectId: string; calendarId: string | null; editing: string | null } | null;
}

export const projectRoom = (projectId: string) => `project:${projectId}`;
export const calendarRoom = (calendarId: string) => `calendar:${calendarId}`;
