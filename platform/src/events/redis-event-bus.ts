import { connectRedis, disconnectRedis, type Redis } from '../redis/redis.js';
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
    this.#publisher = connectRedis(url, { name: 'callboard-bus-publisher' });
    // node-redis re-subscribes every channel after a reconnect; the queue keeps subscriptions
    // made while Redis is down until it is back.
    this.#subscriber = connectRedis(url, { name: 'callboard-bus-subscriber', offlineQueue: true });
    this.#subscriber.on('ready', () => {
      if (this.#hasBeenReady) for (const listener of this.#reconnectListeners) listener();
      this.#hasBeenReady = true;
    });
  }

  #deliver = (payload: Buffer, channel: Buffer): void => {
    const name = channel.toString().slice(this.#prefix.length);
    const handlers = this.#handlers.get(name);
    if (!handlers || payload.length === 0) return;
    const message: BusMessage =
      payload[0] === 0x73
        ? payload.subarray(1).toString('utf8')
        : new Uint8Array(payload.subarray(1));
    for (const handler of [...handlers]) handler(message);
  };

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
      await this.#subscriber.subscribe(this.#prefix + channel, this.#deliver, true);
    }
    handlers.add(handler);
    return async () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.#handlers.get(channel) === handlers) {
        this.#handlers.delete(channel);
        await this.#subscriber
          .unsubscribe(this.#prefix + channel, this.#deliver, true)
          .catch(() => undefined);
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
    disconnectRedis(this.#publisher);
    disconnectRedis(this.#subscriber);
  }
}
