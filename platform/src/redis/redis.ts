import { createClient } from 'redis';

export type Redis = ReturnType<typeof createClient>;

export interface RedisConnectionOptions {
  /** CLIENT SETNAME, so `CLIENT LIST` shows which part of Callboard holds a connection. */
  name: string;
  /**
   * Queue commands while disconnected and send them on reconnect. Off by default, so health
   * checks and rate limits fail at once instead of hanging; a pub/sub subscriber wants it on,
   * so subscriptions made while Redis is down apply when it is back.
   */
  offlineQueue?: boolean;
}

/**
 * A node-redis connection that connects in the background and reconnects forever (node-redis
 * restores its subscriptions after a reconnect). Callers attach their own 'error' listener;
 * one that does nothing is attached here so a lost connection never throws.
 */
export function connectRedis(url: string, options: RedisConnectionOptions): Redis {
  const client: Redis = createClient({
    url,
    name: options.name,
    disableOfflineQueue: !options.offlineQueue,
    socket: {
      connectTimeout: 5_000,
      reconnectStrategy: (retries) => Math.min((retries + 1) * 200, 2_000),
    },
  });
  client.on('error', () => undefined);
  // connect() settles on the first connection; until then commands reject or queue.
  client.connect().catch(() => undefined);
  return client;
}

/** Resolves once the connection is ready, or rejects after the timeout. */
export function redisReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.isReady) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error('Redis did not become ready in time'));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}

/** Ends a connection at once, dropping queued commands: used on shutdown. */
export function disconnectRedis(redis: Redis): void {
  if (redis.isOpen) redis.destroy();
}
