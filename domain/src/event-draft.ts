import { CalendarEventFieldsSchema, type CalendarEventFields } from './calendar-document.js';
import { addDays, dateOf, isLocalDate } from './local-time.js';

/**
 * The fields an event form holds as a draft: a value of one can be invalid only together with
 * the others (a start after the end), so a form keeps them pending until they are valid
 * together and then writes them in one transaction. Every other field is valid on its own.
 */
export const DRAFT_FIELDS = ['start', 'end', 'allDay'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];
export type DraftValues = Pick<CalendarEventFields, DraftField>;

/** A value typed but not stored yet, and the stored value it was typed over. */
export interface PendingValue<K extends DraftField = DraftField> {
  value: DraftValues[K];
  over: DraftValues[K];
}

/** One event form's pending values by field; empty while the form shows what is stored. */
export type EventDraft = { [K in DraftField]?: PendingValue<K> };

export interface DraftOutcome {
  /** What stays pending. */
  draft: EventDraft;
  /** Every pending value, to write in one transaction now; null while they are invalid. */
  write: Partial<DraftValues> | null;
}

export interface DraftView {
  /** What the form shows: the stored value, or the pending value over it. */
  shown: DraftValues;
  /** Why the pending values cannot be stored, in words, beside the field they concern. */
  errors: Partial<Record<DraftField, string>>;
  /** Fields showing a value the document does not hold. */
  unsaved: DraftField[];
}

function pendingValues(draft: EventDraft): Partial<DraftValues> {
  const values: Partial<DraftValues> = {};
  for (const key of DRAFT_FIELDS) {
    const pending = draft[key];
    if (pending) (values as Record<DraftField, unknown>)[key] = pending.value;
  }
  return values;
}

/**
 * Settles a draft against the event as stored now. A pending value the document now holds is
 * done. Where someone else changed a field since it was typed over, their value wins unless
 * the field has focus (the user is still typing it). When what is left is valid with the
 * stored fields, all of it is to be written at once.
 */
export function settleDraft(
  draft: EventDraft,
  stored: CalendarEventFields,
  focused: DraftField | null = null,
): DraftOutcome {
  const next: EventDraft = {};
  for (const key of DRAFT_FIELDS) {
    const pending = draft[key] as PendingValue | undefined;
    if (!pending || pending.value === stored[key]) continue;
    if (pending.over === stored[key]) (next as Record<DraftField, PendingValue>)[key] = pending;
    else if (key === focused)
      (next as Record<DraftField, PendingValue>)[key] = { value: pending.value, over: stored[key] };
  }
  const values = pendingValues(next);
  if (Object.keys(values).length === 0) return { draft: {}, write: null };
  const valid = CalendarEventFieldsSchema.safeParse({ ...stored, ...values }).success;
  return valid ? { draft: {}, write: values } : { draft: next, write: null };
}

/** Adds what the user just set to the draft, then settles it. */
export function editDraft(
  draft: EventDraft,
  stored: CalendarEventFields,
  patch: Partial<DraftValues>,
  focused: DraftField | null = null,
): DraftOutcome {
  const next: EventDraft = { ...draft };
  // A value just set is set over what is stored now: it wins over any earlier remote change.
  for (const key of DRAFT_FIELDS) {
    if (key in patch)
      (next as Record<DraftField, PendingValue>)[key] = { value: patch[key]!, over: stored[key] };
  }
  return settleDraft(next, stored, focused);
}

/** What a form shows for a draft over the stored event. */
export function viewDraft(draft: EventDraft, stored: CalendarEventFields): DraftView {
  const values = pendingValues(draft);
  const unsaved = DRAFT_FIELDS.filter((key) => key in values);
  const shown: DraftValues = {
    start: values.start ?? stored.start,
    end: values.end ?? stored.end,
    allDay: values.allDay ?? stored.allDay,
  };
  const errors: Partial<Record<DraftField, string>> = {};
  if (unsaved.length === 0) return { shown, errors, unsaved };
  const result = CalendarEventFieldsSchema.safeParse({ ...stored, ...shown });
  // Domain's messages are whole sentences in plain words.
  for (const issue of result.error?.issues ?? []) {
    const key = issue.path[0] as DraftField;
    if (DRAFT_FIELDS.includes(key)) errors[key] ??= issue.message;
  }
  return { shown, errors, unsaved };
}

/** The times an event gets when switched to or from all day: whole days, or 08:00 to 18:00. */
export function allDayPatch(event: DraftValues, allDay: boolean): DraftValues {
  const start = dateOf(event.start);
  if (!allDay) return { allDay, start: `${start}T08:00`, end: `${start}T18:00` };
  const end = dateOf(event.end);
  return { allDay, start, end: end > start || !isLocalDate(start) ? end : addDays(start, 1) };
}
