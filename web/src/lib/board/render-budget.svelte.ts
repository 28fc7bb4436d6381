/**
 * Strips the board builds before its first paint: more than a tall laptop screen shows (about
 * 45 rows at 900 px), so the first screen is whole, and a sixth of a 500-strip board.
 */
export const FIRST_SCREEN_STRIPS = 80;
/** Strips added per frame after that: short enough that a click or key between them is not kept waiting. */
export const STRIPS_PER_CHUNK = 120;

/**
 * How many strips the board has in its DOM. A schedule opens with its first screen of days
 * built and painted, then the days below follow a chunk a frame, instead of all 500 strips
 * being built before anything shows. Once everything is built, the limit is gone for good:
 * a later change renders the board whole, as before.
 */
export class RenderBudget {
  /** Strips the board may render now; Infinity once every strip has been. */
  limit: number;
  readonly #chunk: number;
  #frame: number | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(first = FIRST_SCREEN_STRIPS, chunk = STRIPS_PER_CHUNK) {
    this.limit = $state(first);
    this.#chunk = chunk;
  }

  /**
   * Told how many strips the board would show: lifts the limit when they fit, else schedules
   * the next chunk for after the coming paint. Nothing to show (a board still loading) waits.
   */
  grow(total: number): void {
    if (this.limit === Infinity || total === 0) return;
    if (total <= this.limit) return this.revealAll();
    if (this.#frame !== null || this.#timer !== null) return;
    // A frame callback runs before that frame's paint; a task queued from it runs after.
    this.#frame = requestAnimationFrame(() => {
      this.#frame = null;
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (this.limit !== Infinity) this.limit += this.#chunk;
      }, 0);
    });
  }

  /** Every strip now: before focusing or scrolling to one that may not be built yet. */
  revealAll(): void {
    this.destroy();
    this.limit = Infinity;
  }

  destroy(): void {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#frame = this.#timer = null;
  }
}

/**
 * The lists (days, in board order) that fit in `limit` strips: each list whole, up to and
 * including the one that reaches the limit; empty lists on the way cost nothing.
 */
export function listsWithin(
  lists: Iterable<{ id: string; strips: number }>,
  limit: number,
): Set<string> {
  const within = new Set<string>();
  let used = 0;
  for (const list of lists) {
    if (used >= limit) break;
    within.add(list.id);
    used += list.strips;
  }
  return within;
}
