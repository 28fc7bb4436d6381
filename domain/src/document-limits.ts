/**
 * Every limit of a calendar document (docs/document-schema.md, "Limits"), declared once: the
 * relay refuses updates past them, and the web app and the zod schemas use the same numbers.
 */
export const DOCUMENT_LIMITS = {
  /** Characters of an event's title. */
  eventTitleLength: 500,
  /** Characters of an event's location. */
  eventLocationLength: 500,
  /** Characters of an event's notes. */
  eventNotesLength: 20_000,
  /** Characters of an event's start or end; clients check the exact format. */
  eventTimeLength: 32,
  /** Characters of an event id (a key of `events`). */
  eventIdLength: 64,
  /** Events in one calendar. */
  events: 10_000,
  /** Keys of one event, the documented fields included. */
  eventKeys: 64,
  /** Characters of an event key this version does not know (newer clients add fields). */
  unknownKeyLength: 64,
  /** Size of the value of an unknown event key, in characters of its JSON. */
  unknownValueLength: 2_000,
  /** Bytes of one update (a sync step 2 or an update message), deletions included. */
  updateBytes: 512 * 1024,
  /** Bytes of the whole document, encoded after garbage collection. */
  documentBytes: 8 * 1024 * 1024,
  /** Bytes of updates one user may send to one server instance per minute. */
  userBytesPerMinute: 8 * 1024 * 1024,
} as const;

/** The /yjs close code of an update refused for a document limit; 44xx stops reconnecting. */
export const DOCUMENT_LIMIT_CLOSE_CODE = 4413;
