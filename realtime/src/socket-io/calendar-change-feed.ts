import * as Y from 'yjs';
import { EVENTS_MAP } from '@callboard/domain';
import type { CalendarChange } from './socket-io.messages.js';

/**
 * Which events an applied Yjs transaction created, changed or deleted, read from what the
 * transaction touched in the `events` map (schema v1) without diffing documents.
 */
export function changesOf(doc: Y.Doc, transaction: Y.Transaction): CalendarChange[] {
  // Read the root type as the document holds it, the object the transaction is keyed by, and
  // without defining it on a document that has no events.
  const events = doc.share.get(EVENTS_MAP) as Y.Map<unknown> | undefined;
  if (!events) return [];
  const changes = new Map<string, CalendarChange['change']>();
  const keys = transaction.changed.get(
    events as unknown as Y.AbstractType<Y.YEvent<Y.Map<unknown>>>,
  );
  if (keys) {
    const keyNames = new Set([...keys].filter((key): key is string => key !== null));
    // A YMapEvent computes add/update/delete from the transaction, even after it ended.
    const event = new Y.YMapEvent(events, transaction, keyNames);
    event.changes.keys.forEach(({ action }, key) => {
      changes.set(key, action === 'add' ? 'created' : action === 'delete' ? 'deleted' : 'updated');
    });
  }
  for (const changed of transaction.changed.keys()) {
    // Typing in a text field changes a Y.Text inside the event's map: walk up to the event.
    let item = changed._item;
    while (item && item.parent !== (events as unknown))
      item = (item.parent as Y.AbstractType<unknown>)._item;
    if (!item || typeof item.parentSub !== 'string') continue;
    if (!changes.has(item.parentSub)) changes.set(item.parentSub, 'updated');
  }
  return [...changes].map(([eventId, change]) => ({ eventId, change }));
}

/**
 * Coalesces changes per calendar and author over a short window, so a drag that sends sixty
 * updates becomes one `calendar:changed`. The latest kind of change per event wins, except
 * that created-then-updated stays created.
 */
export class ChangeCoalescer<Meta> {
  readonly #pending = new Map<
    string,
    {
      meta: Meta;
      changes: Map<string, CalendarChange['change']>;
      timer: ReturnType<typeof setTimeout>;
    }
  >();

  constructor(
    private readonly windowMs: number,
    private readonly flush: (meta: Meta, changes: CalendarChange[]) => void,
  ) {}

  add(key: string, meta: Meta, changes: CalendarChange[]): void {
    if (changes.length === 0) return;
    let entry = this.#pending.get(key);
    if (!entry) {
      const created = {
        meta,
        changes: new Map<string, CalendarChange['change']>(),
        timer: setTimeout(() => this.#emit(key), this.windowMs),
      };
      this.#pending.set(key, created);
      entry = created;
    }
    for (const { eventId, change } of changes) {
      const previous = entry.changes.get(eventId);
      if (previous === 'created' && change === 'updated') continue;
      if (previous === 'created' && change === 'deleted') entry.changes.delete(eventId);
      else entry.changes.set(eventId, change);
    }
  }

  #emit(key: string): void {
    const entry = this.#pending.get(key);
    this.#pending.delete(key);
    if (!entry || entry.changes.size === 0) return;
    this.flush(
      entry.meta,
      [...entry.changes].map(([eventId, change]) => ({ eventId, change })),
    );
  }

  /** Sends everything pending now (shutdown). */
  flushAll(): void {
    for (const [key, entry] of this.#pending) {
      clearTimeout(entry.timer);
      this.#emit(key);
    }
  }
}
