import {
  appendCalendarUpdates,
  CalendarLogCursor,
  listCalendarSnapshotsSince,
  listCalendarUpdatesSince,
  loadCalendarDocument,
} from '@callboard/db';
import { DOCUMENT_LOG_CHANNEL, type EventBus } from '@callboard/platform';
import type { Sql } from 'postgres';
import * as Y from 'yjs';

interface CachedDocument {
  doc: Y.Doc;
  log: CalendarLogCursor;
  usedAt: number;
}

/** Documents kept decoded between reads; the least recently read go first. */
const CACHE_MAX_DOCUMENTS = 64;

/**
 * Calendar documents as the relay persisted them (snapshot plus log), read and written by the
 * API without a client: never from a browser's copy. At most one persistence interval behind
 * the last accepted edit, whichever instance holds the document open. A document read before
 * is kept decoded, and a later read applies only the log rows written since.
 */
export class StoredDocuments {
  readonly #cache = new Map<string, CachedDocument>();

  constructor(
    private readonly sql: Sql,
    private readonly bus: EventBus,
  ) {}

  /**
   * The current document. Callers must not change it: `copy` it first (a restore does).
   * Concurrent reads of one calendar each bring it up to date; applying a row twice is harmless.
   */
  async load(calendarId: string): Promise<Y.Doc> {
    const cached = this.#cache.get(calendarId);
    const current = cached ? await this.#catchUp(calendarId, cached) : await this.#read(calendarId);
    current.usedAt = performance.now();
    this.#cache.delete(calendarId);
    this.#cache.set(calendarId, current);
    if (this.#cache.size > CACHE_MAX_DOCUMENTS) {
      const [oldest] = this.#cache.keys();
      this.#cache.get(oldest!)?.doc.destroy();
      this.#cache.delete(oldest!);
    }
    return current.doc;
  }

  /** A document of its own that the caller may change. */
  async copy(calendarId: string): Promise<Y.Doc> {
    const doc = new Y.Doc({ gc: false });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(await this.load(calendarId)));
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

  async #read(calendarId: string): Promise<CachedDocument> {
    const stored = await loadCalendarDocument(this.sql, calendarId);
    const doc = new Y.Doc({ gc: false });
    const log = new CalendarLogCursor();
    const parts = stored.updates.map((row) => row.update);
    if (stored.snapshot) parts.unshift(stored.snapshot.state);
    // One merge and one apply, not one apply per logged update.
    if (parts.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(parts));
    if (stored.snapshot) log.passSnapshot(stored.snapshot.throughSeq);
    log.advance(stored.updates);
    return { doc, log, usedAt: 0 };
  }

  async #catchUp(calendarId: string, cached: CachedDocument): Promise<CachedDocument> {
    const position = [{ calendarId, afterSeq: cached.log.watermark }];
    const [snapshots, rows] = await Promise.all([
      listCalendarSnapshotsSince(this.sql, position),
      listCalendarUpdatesSince(this.sql, position, [...cached.log.applied]),
    ]);
    for (const snapshot of snapshots) {
      Y.applyUpdate(cached.doc, snapshot.state);
      cached.log.passSnapshot(snapshot.throughSeq);
    }
    const unread = cached.log.unread(rows);
    if (unread.length > 0) Y.applyUpdate(cached.doc, Y.mergeUpdates(unread.map((r) => r.update)));
    cached.log.advance(rows);
    return cached;
  }
}
