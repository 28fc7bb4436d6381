import {
  appendCalendarUpdates,
  CalendarLogCursor,
  loadCalendarDocument,
  readCalendarLogSince,
} from '@callboard/db';
import { applyUpdates, readScheduleDocument, type ScheduleDocument } from '@callboard/domain';
import { DOCUMENT_LOG_CHANNEL, type EventBus } from '@callboard/platform';
import type { Sql } from 'postgres';
import * as Y from 'yjs';
import { EncodedBody } from '../http/encoded-body.js';

interface CachedDocument {
  doc: Y.Doc;
  log: CalendarLogCursor;
  /** The document as JSON, kept until a new row arrives: most reads find nothing new. */
  json: ScheduleDocument | null;
  /** The API's answer for it, `{"document": …}`, serialised and encoded once per version. */
  body: EncodedBody | null;
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
  /** Reads in flight: concurrent readers of one calendar share one pass over the log. */
  readonly #reading = new Map<string, Promise<CachedDocument>>();

  constructor(
    private readonly sql: Sql,
    private readonly bus: EventBus,
  ) {}

  /**
   * The current document. Callers must not change it: `copy` it first (a restore does).
   * Concurrent reads of one calendar each bring it up to date; applying a row twice is harmless.
   */
  async load(calendarId: string): Promise<Y.Doc> {
    return (await this.#current(calendarId)).doc;
  }

  /** The current document by the documented schema. */
  async read(calendarId: string): Promise<ScheduleDocument> {
    const current = await this.#current(calendarId);
    current.json ??= readScheduleDocument(current.doc);
    return current.json;
  }

  /**
   * The document route's body, `{"document": …}`: a schedule of 500 strips is about 240 KB of
   * JSON, whose serialisation would otherwise be most of the cost of every read.
   */
  async body(calendarId: string): Promise<EncodedBody> {
    const current = await this.#current(calendarId);
    current.json ??= readScheduleDocument(current.doc);
    current.body ??= new EncodedBody(JSON.stringify({ document: current.json }));
    return current.body;
  }

  #current(calendarId: string): Promise<CachedDocument> {
    let reading = this.#reading.get(calendarId);
    if (!reading) {
      reading = this.#bringUpToDate(calendarId).finally(() => this.#reading.delete(calendarId));
      this.#reading.set(calendarId, reading);
    }
    return reading;
  }

  async #bringUpToDate(calendarId: string): Promise<CachedDocument> {
    const cached = this.#cache.get(calendarId);
    const current = cached ? await this.#catchUp(calendarId, cached) : await this.#read(calendarId);
    this.#cache.delete(calendarId);
    this.#cache.set(calendarId, current);
    if (this.#cache.size > CACHE_MAX_DOCUMENTS) {
      const [oldest] = this.#cache.keys();
      this.#cache.get(oldest!)?.doc.destroy();
      this.#cache.delete(oldest!);
    }
    return current;
  }

  /** A document of its own that the caller may change. */
  async copy(calendarId: string): Promise<Y.Doc> {
    const doc = new Y.Doc();
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
    const doc = new Y.Doc();
    const log = new CalendarLogCursor();
    const parts = stored.updates.map((row) => row.update);
    if (stored.snapshot) parts.unshift(stored.snapshot.state);
    applyUpdates(doc, parts);
    if (stored.snapshot) log.passSnapshot(stored.snapshot.throughSeq);
    log.advance(stored.updates);
    return { doc, log, json: null, body: null };
  }

  async #catchUp(calendarId: string, cached: CachedDocument): Promise<CachedDocument> {
    const position = [{ calendarId, afterSeq: cached.log.watermark }];
    const { snapshots, updates: rows } = await readCalendarLogSince(this.sql, position, [
      ...cached.log.applied,
    ]);
    let changed = false;
    const onUpdate = () => (changed = true);
    cached.doc.on('update', onUpdate);
    try {
      for (const snapshot of snapshots) {
        Y.applyUpdate(cached.doc, snapshot.state);
        cached.log.passSnapshot(snapshot.throughSeq);
      }
      applyUpdates(
        cached.doc,
        cached.log.unread(rows).map((row) => row.update),
      );
      cached.log.advance(rows);
    } finally {
      cached.doc.off('update', onUpdate);
    }
    if (changed) {
      cached.json = null;
      cached.body = null;
    }
    return cached;
  }
}
