export interface AwarenessBatchOptions {
  /** How long changes gather before they go out; 0 sends each change at once. */
  windowMs: number;
  /**
   * Sends one batch: `changed` to the local clients, `published` (the changes made by this
   * instance's own clients) to the other instances too.
   */
  flush(changed: number[], published: number[]): void;
}

/**
 * Gathers a document's awareness changes for a short window and sends them as one frame that
 * holds each changed state once. Stock clients renew their presence every 15 s on timers that
 * started together when they connected, and each relays back every awareness frame it receives,
 * so a calendar's writers renewing at once would otherwise cost every viewer one frame, and one
 * echo, per writer. Presence arrives late by at most the window; document updates never wait.
 */
export class AwarenessBatch {
  readonly #options: AwarenessBatchOptions;
  #changed = new Set<number>();
  #published = new Set<number>();
  #timer: NodeJS.Timeout | null = null;

  constructor(options: AwarenessBatchOptions) {
    this.#options = options;
  }

  add(clientIds: readonly number[], publish: boolean): void {
    for (const id of clientIds) {
      this.#changed.add(id);
      if (publish) this.#published.add(id);
    }
    if (this.#options.windowMs === 0) return this.flush();
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.#options.windowMs);
    this.#timer.unref();
  }

  /** Sends whatever has gathered now. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changed.size === 0) return;
    const changed = [...this.#changed];
    const published = [...this.#published];
    this.#changed = new Set();
    this.#published = new Set();
    this.#options.flush(changed, published);
  }

  /** Drops what has gathered: the document is going away. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#changed.clear();
    this.#published.clear();
  }
}
