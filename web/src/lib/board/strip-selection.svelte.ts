/**
 * The strips selected on the board, to move or edit together: a click selects one, Ctrl or
 * Cmd adds or removes one, Shift selects the run from the last one clicked, as file lists do.
 */
export class StripSelection {
  ids = $state.raw<ReadonlySet<string>>(new Set());
  /** Where a Shift range starts: the strip last selected on its own or toggled. */
  #anchor: string | null = null;

  has(id: string): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  only(id: string): void {
    this.ids = new Set([id]);
    this.#anchor = id;
  }

  toggle(id: string): void {
    const next = new Set(this.ids);
    if (!next.delete(id)) next.add(id);
    this.ids = next;
    this.#anchor = id;
  }

  /**
   * Selects the strips from the anchor to `id` in `order` (the strips as shown, in board
   * order), or just `id` when there is no anchor among them.
   */
  extendTo(id: string, order: readonly string[]): void {
    const from = this.#anchor === null ? -1 : order.indexOf(this.#anchor);
    const to = order.indexOf(id);
    if (from < 0 || to < 0) return this.only(id);
    const [low, high] = from < to ? [from, to] : [to, from];
    this.ids = new Set(order.slice(low, high + 1));
  }

  /** Keeps only the strips still shown (others may have deleted some, or a filter hid them). */
  keep(shown: ReadonlySet<string>): void {
    if ([...this.ids].every((id) => shown.has(id))) return;
    this.ids = new Set([...this.ids].filter((id) => shown.has(id)));
    if (this.#anchor !== null && !shown.has(this.#anchor)) this.#anchor = null;
  }

  clear(): void {
    if (this.ids.size) this.ids = new Set();
    this.#anchor = null;
  }
}
