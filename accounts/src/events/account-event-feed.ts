import type { EventBus, Logger } from '@callboard/platform';
import { ACCOUNT_EVENTS_CHANNEL, AccountEventSchema, type AccountEvent } from './account-events.js';

export type AccountEventListener = (event: AccountEvent) => void;

/** What the parts of a process that enforce account changes listen to. */
export interface AccountEventSource {
  /** Returns a function that stops the listener. */
  onEvent(listener: AccountEventListener): () => void;
  /** Called when the bus reconnects: events sent meanwhile were lost, so caches and connections are checked again. */
  onMissedEvents(listener: () => void): () => void;
}

/**
 * The one view of account changes in a process, shared by its API and its realtime tier: its
 * own announcements, delivered before the request returns (a caller reads its own write), and
 * every other instance's, from the bus. One subscription per process, whatever listens.
 */
export class AccountEventFeed implements AccountEventSource {
  readonly #listeners = new Set<AccountEventListener>();
  readonly #missedListeners = new Set<() => void>();
  /** Tags what this process publishes, so its own echo from the bus is not applied twice. */
  readonly #origin = crypto.randomUUID();
  #unsubscribe: (() => Promise<void>) | null = null;
  #closed = false;

  constructor(
    private readonly bus: EventBus,
    private readonly logger?: Logger,
  ) {
    bus.onReconnect(() => {
      for (const listener of this.#missedListeners) listener();
    });
  }

  /**
   * Subscribes, retrying until the bus takes it or the feed closes. Until then only this
   * process's own events reach the listeners, which is all there is to see.
   */
  async start(): Promise<void> {
    for (let attempt = 1; !this.#closed && !this.#unsubscribe; attempt += 1) {
      try {
        const unsubscribe = await this.bus.subscribe(ACCOUNT_EVENTS_CHANNEL, (message) =>
          this.#receive(message),
        );
        if (this.#closed) return void unsubscribe().catch(() => undefined);
        this.#unsubscribe = unsubscribe;
      } catch (error) {
        this.logger?.warn({ err: error, attempt }, 'account events subscription failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 200, 2000)));
      }
    }
  }

  onEvent(listener: AccountEventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  onMissedEvents(listener: () => void): () => void {
    this.#missedListeners.add(listener);
    return () => this.#missedListeners.delete(listener);
  }

  /** Applies the change here, then tells every instance; a bus outage never fails the request. */
  async announce(event: AccountEvent): Promise<void> {
    this.#deliver(event);
    const message = JSON.stringify({ ...event, origin: this.#origin });
    await this.bus.publish(ACCOUNT_EVENTS_CHANNEL, message).catch(() => undefined);
  }

  close(): void {
    this.#closed = true;
    // Not awaited: with Redis down the unsubscribe would wait for it; the bus closes anyway.
    void this.#unsubscribe?.().catch(() => undefined);
    this.#unsubscribe = null;
  }

  #receive(message: unknown): void {
    const received = readAccountEventMessage(message);
    if (!received) return void this.logger?.warn('unreadable account event ignored');
    if (received.origin !== this.#origin) this.#deliver(received.event);
  }

  #deliver(event: AccountEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

function readAccountEventMessage(
  message: unknown,
): { event: AccountEvent; origin: unknown } | null {
  if (typeof message !== 'string') return null;
  try {
    const json: unknown = JSON.parse(message);
    const parsed = AccountEventSchema.safeParse(json);
    return parsed.success
      ? { event: parsed.data, origin: (json as { origin?: unknown }).origin }
      : null;
  } catch {
    return null;
  }
}

/** An account event from the bus, or null when it is not one (never trusted unvalidated). */
export function parseAccountEvent(message: unknown): AccountEvent | null {
  return readAccountEventMessage(message)?.event ?? null;
}
