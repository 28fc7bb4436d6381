import type { CalendarEventFields, LostEdit } from '@callboard/domain';
import { ZodError } from 'zod';

/** Applies a patch to an event as an ordinary edit; throws if the result is not valid. */
export type ApplyEdit = (eventId: string, patch: Partial<CalendarEventFields>) => void;

/** A lost edit as listed to the user, with what went wrong re-applying it. */
export interface ListedEdit {
  edit: LostEdit;
  /** Why re-applying failed (the value no longer fits the event), if it did. */
  error: string | null;
}

/**
 * What of this tab's work did not reach the shared document, for the calendar page to show:
 * why the server stopped taking edits, what it refused (discarded), and the offline edits the
 * merge outvoted, each until re-applied or dismissed.
 */
export class SyncNotices {
  /** Why this tab's edits stopped being saved, while that holds; null otherwise. */
  refusal = $state<string | null>(null);
  /** Changes the server refused, now discarded from this device. */
  unsaved = $state<LostEdit[]>([]);
  /** Offline edits whose field the merge set otherwise, or whose event someone deleted. */
  conflicts = $state<ListedEdit[]>([]);

  constructor(private readonly apply: ApplyEdit) {}

  addConflicts(edits: LostEdit[]): void {
    const fresh = edits.map((edit) => ({ edit, error: null }));
    // A newer conflict of the same field replaces the older one.
    const same = (a: LostEdit, b: LostEdit) =>
      a.eventId === b.eventId &&
      ('field' in a ? a.field : null) === ('field' in b ? b.field : null);
    this.conflicts = [
      ...this.conflicts.filter((listed) => !edits.some((edit) => same(edit, listed.edit))),
      ...fresh,
    ];
  }

  /** Sets the user's own value again, as an ordinary edit, and takes it off the list. */
  reapply(listed: ListedEdit): void {
    const { edit } = listed;
    if (edit.kind !== 'field') return;
    try {
      this.apply(edit.eventId, { [edit.field]: edit.yours });
      this.dismiss(listed);
    } catch (error) {
      if (!(error instanceof ZodError)) throw error;
      const issue = error.issues[0];
      listed.error = `Not re-applied: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'it no longer fits the event'}.`;
    }
  }

  dismiss(listed: ListedEdit): void {
    this.conflicts = this.conflicts.filter((other) => other !== listed);
  }

  dismissUnsaved(): void {
    this.unsaved = [];
  }
}
