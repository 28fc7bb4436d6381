import { appendCalendarUpdates, loadCalendarDocument } from '@callboard/db';
import { DOCUMENT_LOG_CHANNEL, type EventBus } from '@callboard/platform';
import type { Sql } from 'postgres';
import * as Y from 'yjs';

/**
 * Calendar documents as the relay persisted them (snapshot plus log), read and written by the
 * API without a client: never from a browser's copy. At most one persistence interval behind
 * the last accepted edit, whichever instance holds the document open.
 */
export class StoredDocuments {
  constructor(
    private readonly sql: Sql,
    private readonly bus: EventBus,
  ) {}

  /** The encoded state: the snapshot and every logged update merged into one update. */
  async state(calendarId: string): Promise<Uint8Array> {
    const stored = await loadCalendarDocument(this.sql, calendarId);
    const parts = stored.updates.map((row) => row.update);
    if (stored.snapshot) parts.unshift(stored.snapshot.state);
    return parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(parts);
  }

  async load(calendarId: string): Promise<Y.Doc> {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, await this.state(calendarId));
    return doc;
  }

  /**
   * Appends one update to the log, as an accepted edit, and tells the relays to read it now;
   * they relay it to their clients like any other edit.
   */
  async append(calendarId: string, update: Uint8Array): Promise<void> {
    await appendCalendarUpdates(this.sql, [{ calendarId, update }]);
    await this.bus
      .publish(DOCUMENT_LOG_CHANNEL, JSON.stringify({ calendarId }))
      .catch(() => undefined);
  }
}
