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
  /** Characters of a shoot day's unit (`Main`, `2nd Unit`). */
  unitLength: 64,
  /** Strips (scenes and banners) in one schedule. */
  strips: 5_000,
  /** Characters of a strip id (a key of `strips`). */
  stripIdLength: 64,
  /** Keys of one strip, the documented fields included. */
  stripKeys: 64,
  /** Characters of a scene number (`14`, `14A`, `A14`). */
  sceneLength: 16,
  /** Characters of a strip's set (`INT. DINER`) or location. */
  stripSetLength: 200,
  stripLocationLength: 500,
  /** Characters of a scene's synopsis. */
  stripSynopsisLength: 1_000,
  /** Characters of a banner's text. */
  bannerTextLength: 500,
  /** Characters of a strip's script page (`12`, `12A`, `12-14`). */
  scriptPageLength: 16,
  /** Eighths of a page one strip may hold: 999 pages. */
  stripEighths: 999 * 8,
  /** Estimated minutes of one strip: a day. */
  stripMinutes: 24 * 60,
  /** Characters of a strip's order key; a client rebalances a day before reaching it. */
  stripOrderLength: 128,
  /** Cast members on one strip. */
  stripCast: 200,
  /** Cast members in one schedule. */
  castMembers: 1_000,
  /** Characters of a cast id (a key of `cast`). */
  castIdLength: 64,
  /** Keys of one cast member, the documented fields included. */
  castKeys: 32,
  /** Characters of a cast number (`1`, `12A`). */
  castNumberLength: 8,
  /** Characters of a cast member's name or character. */
  castNameLength: 200,
  /** Keys of `settings`, the documented ones included (room for later rules). */
  settingsKeys: 64,
  /** Bytes of one update (a sync step 2 or an update message), deletions included. */
  updateBytes: 512 * 1024,
  /** Bytes of the whole document, encoded after garbage collection. */
  documentBytes: 8 * 1024 * 1024,
  /** Bytes of updates one user may send to one server instance per minute. */
  userBytesPerMinute: 8 * 1024 * 1024,
} as const;

/** The /yjs close code of an update refused for a document limit; 44xx stops reconnecting. */
export const DOCUMENT_LIMIT_CLOSE_CODE = 4413;
