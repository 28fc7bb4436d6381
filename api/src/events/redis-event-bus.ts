import { Redis } from 'ioredis';
import type { BusHandler, BusMessage, EventBus } from './event-bus.js';

/**
 * Redis pub/sub. Binary messages travel as Buffers, strings as UTF-8 with a one-byte tag,
 * so a subscriber gets back exactly the type that was published.
 */
export class RedisEventBus implements EventBus {
  readonly kind = 'redis' as const;
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #handlers = new Map<string, Set<BusHandler>>();
  readonly #reconnectListeners: (() => void)[] = [];
  #hasBeenReady = false;

  constructor(url: string, prefix: string) {
    this.#prefix = prefix;
    const options = { retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000) };
    this.#publisher = new Redis(url, {
      ...options,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    // The subscriber keeps an offline queue so subscriptions made while down apply on connect;
    // ioredis re-subscribes to every channel after a reconnect.
    // No ready check: its INFO can race a SUBSCRIBE sent while connecting, which fails the
    // check and silently loses the subscription.
    this.#subscriber = new Redis(url, { ...options, enableReadyCheck: false });
    this.#publisher.on('error', () => undefined);
    this.#subscriber.on('error', () => undefined);
    this.#subscriber.on('ready', () => {
      if (this.#hasBeenReady) for (const listener of this.#reconnectListeners) listener();
      this.#hasBeenReady = true;
    });
    this.#subscriber.on('messageBuffer', (channel: Buffer, payload: Buffer) => {
      const name = channel.toString().slice(this.#prefix.length);
      const handlers = this.#handlers.get(name);
      if (!handlers || payload.length === 0) return;
      const message: BusMessage =
        payload[0] === 0x73
          ? payload.subarray(1).toString('utf8')
          : new Uint8Array(payload.subarray(1));
      for (const handler of [...handlers]) handler(message);
    });
  }

  async publish(channel: string, message: BusMessage): Promise<void> {
    const payload =
      typeof message === 'string'
        ? Buffer.concat([Buffer.from([0x73]), Buffer.from(message, 'utf8')])
        : Buffer.concat([Buffer.from([0x62]), message]);
    await this.#publisher.publish(this.#prefix + channel, payload);
  }

  async subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>> {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      this.#handlers.set(channel, (handlers = new Set()));
      await this.#subscriber.subscribe(this.#prefix + channel);
    }
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.#handlers.get(channel) === handlers) {
        this.#handlers.delete(channel);
        await this.#subscriber.unsubscribe(this.#prefix + channel).catch(() => undefined);
      }
    };
  }

  audience(): null {
    return null;
  }

  onReconnect(listener: () => void): void {
    this.#reconnectListeners.push(listener);
  }

  async close(): Promise<void> {
    this.#handlers.clear();
    this.#publisher.disconnect();
    this.#subscriber.disconnect();
  }
}
