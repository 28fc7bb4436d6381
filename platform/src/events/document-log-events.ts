import { z } from 'zod';

/**
 * Bus channel on which a process that appended to a calendar's Postgres log itself (the API
 * restoring a version) tells the relays to read it now, rather than at their next catch-up.
 * The log is the truth; a lost message only costs that wait.
 */
export const DOCUMENT_LOG_CHANNEL = 'document-log';

export const DocumentLogEventSchema = z.object({
  /** The calendar whose log grew. */
  calendarId: z.uuid(),
});

export type DocumentLogEvent = z.infer<typeof DocumentLogEventSchema>;

/** A document-log event from the bus, or null when the message is not one. */
export function parseDocumentLogEvent(message: unknown): DocumentLogEvent | null {
  if (typeof message !== 'string') return null;
  try {
    const parsed = DocumentLogEventSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
