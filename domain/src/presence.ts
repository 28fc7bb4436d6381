import { z } from 'zod';
import { DOCUMENT_LIMITS } from './document-limits.js';
import { EVENT_TEXT_FIELDS } from './event-text.js';

/** The one form a presence colour may take: `#rrggbb` in lower-case hex, safe in a style. */
export const PRESENCE_COLOR_PATTERN = /^#[0-9a-f]{6}$/;

/** A colour that has passed the presence colour rule; only these reach a style attribute. */
export const PresenceColorSchema = z
  .string()
  .regex(PRESENCE_COLOR_PATTERN, 'must be #rrggbb')
  .brand<'PresenceColor'>();
export type PresenceColor = z.infer<typeof PresenceColorSchema>;

export interface PresenceLimits {
  /** Awareness client ids one /yjs connection may announce: a tab has one, the rest cover reconnects. */
  clientIdsPerConnection: number;
  /** Bytes of one awareness state as its JSON arrives. */
  stateBytes: number;
  /** States one instance's connections may hold in a document beyond one per writer connection. */
  spareStatesPerDocument: number;
}

/** Limits the relay enforces on presence; a message over one closes its connection with 1008. */
export const PRESENCE_LIMITS: PresenceLimits = {
  clientIdsPerConnection: 4,
  stateBytes: 1024,
  spareStatesPerDocument: 256,
};

/** `editing` holds an event id, as a key of the document's `events` map. */
const EditingSchema = z.string().min(1).max(DOCUMENT_LIMITS.eventIdLength).nullable();

/** A Yjs relative position, encoded (`Y.encodeRelativePosition`) as base64: a few dozen characters. */
const TextPositionSchema = z
  .string()
  .max(96)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/);

/** Where a tab's caret or selection is in one text field of an event. */
export const PresenceCursorSchema = z.object({
  /** The event, as a key of the document's `events` map. */
  eventId: z.string().min(1).max(DOCUMENT_LIMITS.eventIdLength),
  field: z.enum(EVENT_TEXT_FIELDS),
  /** Where the selection starts and where the caret is; equal for a plain caret. */
  anchor: TextPositionSchema,
  head: TextPositionSchema,
});
export type PresenceCursor = z.infer<typeof PresenceCursorSchema>;

/** What a tab is doing with a strip of the board. */
export const STRIP_FOCUS_ACTIONS = ['dragging', 'editing'] as const;
export type StripFocusAction = (typeof STRIP_FOCUS_ACTIONS)[number];

/** The strip a tab is dragging (the first, when several move) or has open in its editor. */
export const PresenceStripSchema = z.object({
  /** The strip, as a key of the document's `strips` map. */
  id: z.string().min(1).max(DOCUMENT_LIMITS.stripIdLength),
  action: z.enum(STRIP_FOCUS_ACTIONS),
});
export type PresenceStrip = z.infer<typeof PresenceStripSchema>;

/** The awareness state of one tab on /yjs, as the relay passes it on (docs/realtime-protocol.md). */
export const PresenceStateSchema = z.object({
  /** Who: id and name come from the session on the server; the colour is the tab's choice. */
  user: z.object({
    id: z.string(),
    name: z.string(),
    color: PresenceColorSchema.optional(),
  }),
  /** The id of the event open in the tab, or null. */
  editing: EditingSchema,
  /** The caret in a text field of the tab, while one has focus. */
  cursor: PresenceCursorSchema.optional(),
  /** The strip the tab is dragging or editing on the board, while there is one. */
  strip: PresenceStripSchema.optional(),
});
export type PresenceState = z.infer<typeof PresenceStateSchema>;

/**
 * A presence state with its keys in one fixed order, so a tab's state and the relay's copy of
 * it serialise to the same JSON and the relay can pass the tab's bytes through unchanged.
 */
export function presenceState(
  user: { id: string; name: string; color?: PresenceColor | undefined },
  editing: string | null,
  cursor: PresenceCursor | null = null,
  strip: PresenceStrip | null = null,
): PresenceState {
  const { id, name, color } = user;
  const state: PresenceState = { user: color ? { id, name, color } : { id, name }, editing };
  if (cursor) {
    const { eventId, field, anchor, head } = cursor;
    state.cursor = { eventId, field, anchor, head };
  }
  if (strip) state.strip = { id: strip.id, action: strip.action };
  return state;
}

/** A peer's state as a tab reads it: the documented state, or null for anything else. */
export function readPresenceState(state: unknown): PresenceState | null {
  const parsed = PresenceStateSchema.safeParse(state);
  return parsed.success ? parsed.data : null;
}

/**
 * What the relay passes on for a state a signed-in user's tab sent: the identity from the
 * session, the colour, `editing`, `cursor` and `strip` only where valid, and nothing else.
 */
export function presenceStateFromSession(
  sessionUser: { id: string; name: string },
  sent: unknown,
): PresenceState {
  const fields = isRecord(sent) ? sent : {};
  const color = PresenceColorSchema.safeParse(isRecord(fields.user) ? fields.user.color : null);
  const editing = EditingSchema.safeParse(fields.editing);
  const cursor = PresenceCursorSchema.safeParse(fields.cursor);
  const strip = PresenceStripSchema.safeParse(fields.strip);
  return presenceState(
    { id: sessionUser.id, name: sessionUser.name, color: color.success ? color.data : undefined },
    editing.success ? editing.data : null,
    cursor.success ? cursor.data : null,
    strip.success ? strip.data : null,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
