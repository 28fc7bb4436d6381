import type { BusHandler, BusMessage, EventBus } from './event-bus.js';

/** The single-process bus: delivers on the next microtask, as Redis would deliver asynchronously. */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  readonly #handlers = new Map<string, Set<BusHandler>>();

  async publish(channel: string, message: BusMessage): Promise<void> {
    const handlers = this.#handlers.get(channel);
    if (!handlers) return;
    for (const handler of [...handlers]) queueMicrotask(() => handler(message));
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) this.#handlers.set(channel, (handlers = new Set()));
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
      if (handlers.size === 0) this.#handlers.delete(channel);
    };
  }

  audience(channel: string): number {
    return this.#handlers.get(channel)?.size ?? 0;
  }

  onReconnect(): void {}

  async close(): Promise<void> {
    this.#handlers.clear();
  }
}
