import type { Logger } from '@callboard/platform';
import { readCalendarLogSince } from '@callboard/db';
import type { Sql } from 'postgres';
import type { DocumentRegistry } from './document-registry.js';
import type { RelayMetrics } from './relay-metrics.js';

export interface DocumentCatchUpOptions {
  sql: Sql;
  registry: DocumentRegistry;
  metrics: RelayMetrics;
  logger: Logger;
  intervalMs: number;
}

/**
 * Reads the Postgres log of every loaded document past its watermark, on a timer and when
 * the bus reconnects, so a lost or late fan-out message never leaves instances diverged.
 * One query covers all loaded documents; rows this instance wrote or already applied are skipped.
 */
export class DocumentCatchUp {
  readonly #options: DocumentCatchUpOptions;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;

  constructor(options: DocumentCatchUpOptions) {
    this.#options = options;
  }

  start(): void {
    this.#timer = setInterval(() => void this.run(), this.#options.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** One pass; concurrent calls share the pass in progress. */
  run(): Promise<void> {
    this.#running ??= this.#pass()
      .catch((error: unknown) => {
        this.#options.logger.warn({ err: error }, 'yjs catch-up: pass failed; next pass retries');
      })
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /**
   * A pass that starts after now: rows committed just before the call are read even when a
   * pass that already queried is in progress (that one is followed by another).
   */
  runAfterNow(): Promise<void> {
    if (!this.#running) return this.run();
    this.#again = true;
    return this.#running.then(() => {
      if (!this.#again) return;
      this.#again = false;
      return this.run();
    });
  }

  async #pass(): Promise<void> {
    const documents = this.#options.registry.loadedDocuments();
    if (documents.length === 0) return;
    const positions = documents.map((loaded) => ({
      calendarId: loaded.calendarId,
      afterSeq: loaded.log.watermark,
    }));
    // Rows this instance wrote or already applied stay out, but for each calendar's latest
    // settled one, which moves the watermark past them.
    const known = documents.flatMap((loaded) => [...loaded.log.applied]);
    const { snapshots, updates: rows } = await readCalendarLogSince(
      this.#options.sql,
      positions,
      known,
    );
    // A snapshot past a watermark means another instance folded rows this one never read.
    for (const snapshot of snapshots) {
      const loaded = this.#options.registry.get(snapshot.calendarId);
      if (!loaded || snapshot.throughSeq <= loaded.log.watermark) continue;
      loaded.applyLogRows([], 'catch-up', snapshot);
    }
    const byCalendar = new Map<string, typeof rows>();
    for (const row of rows) {
      let list = byCalendar.get(row.calendarId);
      if (!list) byCalendar.set(row.calendarId, (list = []));
      list.push(row);
    }
    for (const [calendarId, calendarRows] of byCalendar) {
      const loaded = this.#options.registry.get(calendarId);
      if (!loaded) continue;
      const applied = loaded.applyLogRows(calendarRows, 'catch-up');
      if (applied > 0) this.#options.metrics.updatesReceived.inc({ source: 'catch-up' }, applied);
    }
  }
}
