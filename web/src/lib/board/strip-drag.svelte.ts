/** Where a drag would put the strips: before a strip of a list, or at its end. */
export interface DropSpot {
  /** The list's day id (`POOL_DAY_ID` for the pool), from its `data-drop-list`. */
  dayId: string;
  /** The strip to land before, or null for the end of the list. */
  beforeId: string | null;
}

export interface StripDragOptions {
  /** The drag has begun with these strips. */
  onstart(ids: readonly string[]): void;
  ondrop(ids: readonly string[], spot: DropSpot): void;
  /** The drag has ended, dropped or not. */
  onend(): void;
}

/** Pixels the pointer travels before a press becomes a drag (a click moves less). */
const DRAG_THRESHOLD = 4;
/** How near the window's top or bottom edge the board scrolls, and by how much per move. */
const SCROLL_EDGE = 48;
const SCROLL_STEP = 24;

/**
 * The list and place under a point: lists carry `data-drop-list` with their day id, strips
 * `data-strip-id`. The strips being dragged are skipped, so hovering over them is no move.
 */
export function dropSpotAt(x: number, y: number, moving: ReadonlySet<string>): DropSpot | null {
  const list = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-drop-list]');
  if (!list) return null;
  const rows = list.querySelectorAll<HTMLElement>('[data-strip-id]');
  for (const row of rows) {
    const id = row.dataset.stripId!;
    if (moving.has(id)) continue;
    const box = row.getBoundingClientRect();
    if (y < box.top + box.height / 2) return { dayId: list.dataset.dropList!, beforeId: id };
  }
  return { dayId: list.dataset.dropList!, beforeId: null };
}

/**
 * Dragging strips with a mouse or a pen (pointer events; touch moves through the strip's
 * sheet instead). A press on a strip becomes a drag once the pointer has moved a few pixels;
 * while it lasts, `spot` says where a drop would land and `x`, `y` where the pointer is.
 * Escape cancels. Placement itself is the caller's (`dropTarget`, `moveStrips`).
 */
export class StripDrag {
  /** The strips being dragged, empty while no drag is on. */
  ids = $state.raw<readonly string[]>([]);
  spot = $state.raw<DropSpot | null>(null);
  x = $state(0);
  y = $state(0);

  readonly #options: StripDragOptions;
  #press: { pointerId: number; x: number; y: number; ids: () => readonly string[] } | null = null;
  #moving: ReadonlySet<string> = new Set();
  /** Set when a drag ends, so the click that follows the release selects nothing. */
  #justDropped = false;

  constructor(options: StripDragOptions) {
    this.#options = options;
  }

  get active(): boolean {
    return this.ids.length > 0;
  }

  /** Call on a strip's pointerdown; `ids` gives the strips to drag, asked once it starts. */
  press(event: PointerEvent, ids: () => readonly string[]): void {
    if (event.button !== 0 || event.pointerType === 'touch' || this.#press) return;
    this.#press = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, ids };
    addEventListener('pointermove', this.#onMove);
    addEventListener('pointerup', this.#onUp);
    addEventListener('pointercancel', this.#onCancel);
    addEventListener('keydown', this.#onKey, true);
  }

  /** True once for the click that ends a drag: the caller ignores that click. */
  takeDropClick(): boolean {
    const dropped = this.#justDropped;
    this.#justDropped = false;
    return dropped;
  }

  cancel(): void {
    const wasActive = this.active;
    this.#press = null;
    this.ids = [];
    this.spot = null;
    removeEventListener('pointermove', this.#onMove);
    removeEventListener('pointerup', this.#onUp);
    removeEventListener('pointercancel', this.#onCancel);
    removeEventListener('keydown', this.#onKey, true);
    if (wasActive) this.#options.onend();
  }

  readonly #onMove = (event: PointerEvent) => {
    const press = this.#press;
    if (!press || event.pointerId !== press.pointerId) return;
    if (!this.active) {
      if (Math.hypot(event.clientX - press.x, event.clientY - press.y) < DRAG_THRESHOLD) return;
      const ids = press.ids();
      if (ids.length === 0) return this.cancel();
      this.ids = ids;
      this.#moving = new Set(ids);
      this.#options.onstart(ids);
    }
    event.preventDefault();
    this.x = event.clientX;
    this.y = event.clientY;
    if (event.clientY < SCROLL_EDGE) scrollBy(0, -SCROLL_STEP);
    else if (event.clientY > innerHeight - SCROLL_EDGE) scrollBy(0, SCROLL_STEP);
    const spot = dropSpotAt(event.clientX, event.clientY, this.#moving);
    if (spot?.dayId !== this.spot?.dayId || spot?.beforeId !== this.spot?.beforeId)
      this.spot = spot;
  };

  readonly #onUp = (event: PointerEvent) => {
    if (!this.#press || event.pointerId !== this.#press.pointerId) return;
    const { ids, spot } = this;
    if (this.active) {
      this.#justDropped = true;
      // A release outside any element gets no click: forget the flag after this turn.
      setTimeout(() => (this.#justDropped = false));
    }
    this.cancel();
    if (ids.length && spot) this.#options.ondrop(ids, spot);
  };

  readonly #onCancel = () => this.cancel();

  readonly #onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.active) return;
    event.preventDefault();
    event.stopPropagation();
    this.cancel();
  };
}
