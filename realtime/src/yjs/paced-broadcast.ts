export interface PacedBroadcastOptions {
  /** Time over which one frame reaches its whole audience. */
  spreadMs: number;
  /** Interval between slices. */
  tickMs: number;
  /** Fewest recipients per slice; an audience this small gets the frame at once. */
  minSlice: number;
}

/** A second: well inside the 30 s a stock client keeps a state it has not heard renewed. */
export const RENEWAL_PACING: PacedBroadcastOptions = { spreadMs: 1000, tickMs: 25, minSlice: 32 };

/**
 * Delivers something that is not urgent to a large audience a slice at a time. Every stock
 * y-websocket client answers an awareness frame by sending it back, so a thousand viewers given
 * one frame at once answer with a thousand frames at once, and reading them holds this
 * instance's event loop, with every edit waiting behind it. Spread over a second, the answers
 * arrive as a trickle between edits.
 */
export class PacedBroadcast {
  readonly #options: PacedBroadcastOptions;
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(options: PacedBroadcastOptions) {
    this.#options = options;
  }

  /** Calls `deliver` for every recipient: the first slice now, the rest over the spread. */
  send<T>(recipients: readonly T[], deliver: (recipient: T) => void): void {
    const { spreadMs, tickMs, minSlice } = this.#options;
    const slice = Math.max(minSlice, Math.ceil(recipients.length / Math.max(1, spreadMs / tickMs)));
    const sendSlice = (from: number) => {
      for (const recipient of recipients.slice(from, from + slice)) deliver(recipient);
      if (from + slice >= recipients.length) return;
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        sendSlice(from + slice);
      }, tickMs);
      timer.unref();
      this.#timers.add(timer);
    };
    sendSlice(0);
  }

  /** Drops every delivery still to come. */
  cancel(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}
