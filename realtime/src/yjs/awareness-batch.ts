export interface AwarenessBatchOptions {
  /** How long changes gather before they go out; 0 sends each change at once. */
  windowMs: number;
  /** How long renewals (a state sent again unchanged) may wait to go out together; 0 treats them as changes. */
  renewalWindowMs: number;
  /**
   * Sends one batch: `changed` to the local clients at once (it may be empty when only
   * `published` has anything), `published` (what this instance's own clients sent) to the
   * other instances too.
   */
  flush(changed: number[], published: number[]): void;
  /** Sends the renewals gathered over the renewal window to the local clients. */
  flushRenewals(renewed: number[]): void;
}

/**
 * Gathers a document's awareness changes for a short window and sends them as one frame that
 * holds each changed state once. Stock clients renew their presence every 15 s on timers that
 * started together when they connected, and each relays back every awareness frame it receives,
 * so a calendar's writers renewing at once would otherwise cost every viewer one frame, and one
 * echo, per writer. Presence arrives late by at most the window; document updates never wait.
 *
 * Renewals change nothing anyone sees; they only keep a state from timing out on the clients
 * (30 s after it last arrived; clients renew every 15 to 18 s). So they wait longer, up to the
 * renewal window, and go out together, or sooner with the next change. Other instances get
 * them with the changes' window, so the wait is paid once, not once per instance.
 */
export class AwarenessBatch {
  readonly #options: AwarenessBatchOptions;
  #changed = new Set<number>();
  #renewed = new Set<number>();
  #published = new Set<number>();
  #timer: NodeJS.Timeout | null = null;
  #renewalTimer: NodeJS.Timeout | null = null;

  constructor(options: AwarenessBatchOptions) {
    this.#options = options;
  }

  add(clientIds: readonly number[], publish: boolean): void {
    for (const id of clientIds) {
      this.#changed.add(id);
      this.#renewed.delete(id);
    }
    if (publish) for (const id of clientIds) this.#published.add(id);
    this.#schedule();
  }

  /** Takes states their owners sent again unchanged. */
  renew(clientIds: readonly number[], publish: boolean): void {
    if (this.#options.renewalWindowMs === 0) return this.add(clientIds, publish);
    for (const id of clientIds) if (!this.#changed.has(id)) this.#renewed.add(id);
    if (this.#renewed.size > 0 && !this.#renewalTimer) {
      this.#renewalTimer = setTimeout(() => this.flushRenewals(), this.#options.renewalWindowMs);
      this.#renewalTimer.unref();
    }
    if (!publish) return;
    for (const id of clientIds) this.#published.add(id);
    this.#schedule();
  }

  /** Sends whatever changes have gathered now, with any renewals waiting, as they cost no extra frame. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#changed.size === 0 && this.#published.size === 0) return;
    const changed = this.#changed.size > 0 ? [...this.#changed, ...this.#takeRenewals()] : [];
    const published = [...this.#published];
    this.#changed = new Set();
    this.#published = new Set();
    this.#options.flush(changed, published);
  }

  /** Sends the renewals waiting now. */
  flushRenewals(): void {
    const renewed = this.#takeRenewals();
    if (renewed.length > 0) this.#options.flushRenewals(renewed);
  }

  /** Drops what has gathered: the document is going away. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#changed.clear();
    this.#published.clear();
    this.#takeRenewals();
  }

  #schedule(): void {
    if (this.#options.windowMs === 0) return this.flush();
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.#options.windowMs);
    this.#timer.unref();
  }

  #takeRenewals(): number[] {
    if (this.#renewalTimer) clearTimeout(this.#renewalTimer);
    this.#renewalTimer = null;
    const renewed = [...this.#renewed];
    this.#renewed = new Set();
    return renewed;
  }
}
