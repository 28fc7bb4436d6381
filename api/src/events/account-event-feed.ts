import { ACCOUNT_EVENTS_CHANNEL, AccountEventSchema, type AccountEvent } from './account-events.js';
import type { EventBus } from './event-bus.js';

export type AccountEventListener = (event: AccountEvent) => void;

/**
 * Account changes as this process sees them: its own, delivered to its listeners before the
 * request returns (so a caller reads its own write), and every other instance's, from the bus.
 */
export class AccountEventFeed {
  readonly #listeners: AccountEventListener[] = [];
  readonly #reconnectListeners: (() => void)[] = [];

  constructor(private readonly bus: EventBus) {
    // Subscribing completes once the bus connects; until then only this process's own events
    // reach the listeners, which is all there is to see.
    void bus.subscribe(ACCOUNT_EVENTS_CHANNEL, (message) => {
      const event = parseAccountEvent(message);
      if (event) this.#deliver(event);
    });
    // Messages sent while the bus was down are lost: caches start over.
    bus.onReconnect(() => {
      for (const listener of this.#reconnectListeners) listener();
    });
  }

  onEvent(listener: AccountEventListener): void {
    this.#listeners.push(listener);
  }

  onMissedEvents(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  /** Applies the change here, then tells every instance; a bus outage never fails the request. */
  async announce(event: AccountEvent): Promise<void> {
    this.#deliver(event);
    await this.bus.publish(ACCOUNT_EVENTS_CHANNEL, JSON.stringify(event)).catch(() => undefined);
  }

  #deliver(event: AccountEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** An account event from the bus, or null when it is not one (never trusted unvalidated). */
export function parseAccountEvent(message: unknown): AccountEvent | null {
  if (typeof message !== 'string') return null;
  try {
    const parsed = AccountEventSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
