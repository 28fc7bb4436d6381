import type { CalendarCatchUpRow, CalendarUpdateRow } from './calendar-document.repository.js';

/**
 * How far a reader of one calendar's log has got, for reading only what is new: every row up to
 * `watermark` is applied, and so are the rows in `applied` above it. The watermark only passes
 * settled rows, since a smaller `seq` may still commit until then (SETTLE_WINDOW_MS).
 */
export class CalendarLogCursor {
  /** Every log row with `seq` at or below this has been applied. */
  watermark = 0n;
  /** Rows above the watermark already applied (written by this reader or seen while unsettled). */
  readonly applied = new Set<bigint>();
  /**
   * The `through_seq` of the last snapshot this reader applied or wrote from its own copy. A
   * stored snapshot with another one may hold rows the reader never saw, even below the
   * watermark (compacted away between two of its reads).
   */
  snapshotSeq: bigint | null = null;

  /** The rows of `rows` this reader has not applied yet, in their order. */
  unread(rows: readonly CalendarCatchUpRow[]): CalendarUpdateRow[] {
    return rows.filter(
      (row): row is CalendarUpdateRow =>
        row.update !== null && row.seq > this.watermark && !this.applied.has(row.seq),
    );
  }

  /** Records `rows` as applied, moving the watermark past the settled ones. */
  advance(rows: readonly CalendarCatchUpRow[]): void {
    for (const row of rows) {
      if (row.settled && row.seq > this.watermark) this.watermark = row.seq;
      else if (!row.settled) this.applied.add(row.seq);
    }
    this.#forgetPassed();
  }

  /** A snapshot folded through `throughSeq` was applied. */
  passSnapshot(throughSeq: bigint): void {
    this.snapshotSeq = throughSeq;
    if (throughSeq > this.watermark) this.watermark = throughSeq;
    this.#forgetPassed();
  }

  #forgetPassed(): void {
    for (const seq of this.applied) if (seq <= this.watermark) this.applied.delete(seq);
  }
}
