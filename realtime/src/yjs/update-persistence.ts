import type { Logger } from '@callboard/platform';
import {
  appendCalendarUpdates,
  compactCalendarDocument,
  type CalendarLogCursor,
} from '@callboard/db';
import type { Sql } from 'postgres';
import { mergeDocumentState } from '@callboard/domain';
import * as Y from 'yjs';
import type { RelayMetrics } from './relay-metrics.js';

export interface UpdatePersistenceOptions {
  sql: Sql;
  /** Group-commit interval: updates accepted within it share one INSERT. */
  intervalMs: number;
  /** Rows written for a calendar after which its log is folded into the snapshot. */
  compactAfterUpdates: number;
  logger: Logger;
  metrics: RelayMetrics;
  /** Told the `seq` of each row this instance wrote, so catch-up can skip its own rows. */
  onPersisted?(calendarId: string, seq: bigint): void;
  /** The calendar's document if this instance holds it open, and how far it has read the log. */
  openDocument?(calendarId: string): { doc: Y.Doc; log: CalendarLogCursor } | undefined;
}

/**
 * The new snapshot of a calendar whose document this instance holds: its state, plus the old
 * snapshot and the rows it has not applied (another instance's, not yet caught up). Encoding a
 * live document costs a few milliseconds; rebuilding it from a long log costs a hundred or more,
 * on the event loop every other calendar's edits wait on.
 */
function mergeIntoOpenDocument(
  open: { doc: Y.Doc; log: CalendarLogCursor },
  snapshot: { state: Uint8Array; throughSeq: bigint } | null,
  rows: { seq: bigint; update: Uint8Array }[],
): { state: Uint8Array; ownState: boolean } {
  const { log } = open;
  const parts = [Y.encodeStateAsUpdate(open.doc)];
  // Only the snapshot the document itself applied or wrote is known to be in it.
  if (snapshot && snapshot.throughSeq !== log.snapshotSeq) parts.push(snapshot.state);
  for (const row of rows)
    if (row.seq > log.watermark && !log.applied.has(row.seq)) parts.push(row.update);
  if (parts.length === 1) return { state: parts[0]!, ownState: true };
  return { state: Y.mergeUpdates(parts), ownState: false };
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * A calendar's updates of one interval go in as a row each, up to this many: merging two small
 * updates costs more time (about 13 µs) than the row it saves, and compaction folds the rows
 * anyway. A burst past it (a paste, a script) is merged, so that it cannot fill the log.
 */
const ROWS_UNMERGED = 8;
/** Updates merged into one log row at most; merging more at once costs more than it saves. */
const MERGE_RUN = 50;

/** The log rows for one calendar's updates of an interval, in their order. */
function logRows(updates: Uint8Array[]): { update: Uint8Array; count: number }[] {
  if (updates.length <= ROWS_UNMERGED) return updates.map((update) => ({ update, count: 1 }));
  // Y.mergeUpdates grows faster than linearly: merge in small runs, one row per run.
  const rows = [];
  for (let start = 0; start < updates.length; start += MERGE_RUN) {
    const run = updates.slice(start, start + MERGE_RUN);
    rows.push({ update: run.length === 1 ? run[0]! : Y.mergeUpdates(run), count: run.length });
  }
  return rows;
}

/**
 * Appends accepted updates to the Postgres log by group commit: every `intervalMs` the
 * updates of every calendar go in one INSERT (see `logRows`), so a keystroke costs neither its
 * own write nor a document rewrite. A failed write is retried with the same updates, in order,
 * until it succeeds.
 */
export class UpdatePersistence {
  readonly #options: UpdatePersistenceOptions;
  #pending = new Map<string, Uint8Array[]>();
  /** When the oldest update in `#pending`, and in the batch being written, was accepted. */
  #pendingSince: number | null = null;
  #writingSince: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  readonly #rowsSinceCompaction = new Map<string, number>();
  readonly #compacting = new Map<string, Promise<void>>();

  constructor(options: UpdatePersistenceOptions) {
    this.#options = options;
    options.metrics.persistLag = () => this.lagSeconds();
  }

  /** How long the oldest accepted update not yet in Postgres has waited; 0 when none does. */
  lagSeconds(): number {
    const since = Math.min(this.#writingSince ?? Infinity, this.#pendingSince ?? Infinity);
    return since === Infinity ? 0 : (performance.now() - since) / 1000;
  }

  enqueue(calendarId: string, update: Uint8Array): void {
    this.#pendingSince ??= performance.now();
    let updates = this.#pending.get(calendarId);
    if (!updates) this.#pending.set(calendarId, (updates = []));
    updates.push(update);
    this.#schedule(this.#options.intervalMs);
  }

  /** Counts rows found in the log at load, so a long log is compacted soon after. */
  noteLoggedRows(calendarId: string, rows: number): void {
    this.#rowsSinceCompaction.set(
      calendarId,
      (this.#rowsSinceCompaction.get(calendarId) ?? 0) + rows,
    );
    if (rows >= this.#options.compactAfterUpdates) void this.compact(calendarId);
  }

  /** Resolves once everything enqueued so far is in Postgres (or throws if the write failed). */
  async flush(): Promise<void> {
    this.#writing = this.#writing.then(() => this.#writeBatch());
    await this.#writing;
    if (this.#pending.size > 0) throw new Error('pending updates could not be written');
  }

  /** Folds the calendar's log into its snapshot; one compaction per calendar at a time. */
  compact(calendarId: string): Promise<void> {
    const running = this.#compacting.get(calendarId);
    if (running) return running;
    const compaction = (async () => {
      // The open document whose own state became the snapshot, with nothing else folded in.
      // (Set in the callback, so TypeScript must not narrow it to its initial null.)
      let wroteOwnState = null as { log: CalendarLogCursor } | null;
      try {
        const result = await compactCalendarDocument(
          this.#options.sql,
          calendarId,
          (snapshot, rows) => {
            const open = this.#options.openDocument?.(calendarId);
            if (!open)
              return mergeDocumentState(
                snapshot?.state ?? null,
                rows.map((row) => row.update),
              );
            const merged = mergeIntoOpenDocument(open, snapshot, rows);
            wroteOwnState = merged.ownState ? open : null;
            return merged.state;
          },
        );
        this.#rowsSinceCompaction.delete(calendarId);
        if (result) {
          this.#options.metrics.compactions.inc();
          // Committed: the next compaction need not fold this snapshot in again.
          if (wroteOwnState) wroteOwnState.log.snapshotSeq = result.throughSeq;
        }
      } catch (error) {
        this.#options.logger.error({ err: error, calendarId }, 'yjs: compaction failed');
      } finally {
        this.#compacting.delete(calendarId);
      }
    })();
    this.#compacting.set(calendarId, compaction);
    return compaction;
  }

  /** Stops the timer after writing everything pending and waiting for running compactions. */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush().catch((error: unknown) => {
      this.#options.logger.error(
        { err: error },
        'yjs: final flush failed; unwritten updates are lost',
      );
    });
    await Promise.all(this.#compacting.values());
  }

  #schedule(delayMs: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#writing = this.#writing.then(() => this.#writeBatch());
    }, delayMs);
  }

  async #writeBatch(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    this.#writingSince = this.#pendingSince;
    this.#pendingSince = null;
    const entries = [...batch].flatMap(([calendarId, updates]) =>
      logRows(updates).map((row) => ({ calendarId, ...row })),
    );
    const started = performance.now();
    try {
      await this.#append(entries);
      this.#writingSince = null;
      this.#options.metrics.persistSeconds.observe((performance.now() - started) / 1000);
      this.#options.metrics.persistBatchUpdates.observe(
        entries.reduce((sum, entry) => sum + entry.count, 0),
      );
    } catch (error) {
      this.#options.metrics.persistFailures.inc();
      this.#options.logger.error(
        { err: error, calendars: entries.length },
        'yjs: group commit failed; retrying',
      );
      // Put the batch back in front of anything enqueued meanwhile, keeping the order.
      for (const [calendarId, updates] of this.#pending)
        batch.set(calendarId, [...(batch.get(calendarId) ?? []), ...updates]);
      this.#pending = batch;
      this.#pendingSince = this.#writingSince ?? this.#pendingSince;
      this.#writingSince = null;
      this.#schedule(Math.max(this.#options.intervalMs, 250));
    }
  }

  async #append(entries: { calendarId: string; update: Uint8Array }[]): Promise<void> {
    let seqs: bigint[];
    try {
      seqs = await appendCalendarUpdates(this.#options.sql, entries);
    } catch (error) {
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
      // A calendar was deleted while loaded: write the others one by one and drop its updates.
      seqs = [];
      for (const entry of entries) {
        try {
          seqs.push(...(await appendCalendarUpdates(this.#options.sql, [entry])));
        } catch (inner) {
          if ((inner as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw inner;
          this.#options.logger.warn(
            { calendarId: entry.calendarId },
            'yjs: calendar gone; its updates are dropped',
          );
          seqs.push(-1n);
        }
      }
    }
    entries.forEach((entry, index) => {
      const seq = seqs[index]!;
      if (seq < 0n) return;
      this.#options.onPersisted?.(entry.calendarId, seq);
      const rows = (this.#rowsSinceCompaction.get(entry.calendarId) ?? 0) + 1;
      this.#rowsSinceCompaction.set(entry.calendarId, rows);
      if (rows >= this.#options.compactAfterUpdates) void this.compact(entry.calendarId);
    });
  }
}
