/** A message on the bus: binary for Yjs payloads, or a string (JSON) for events. */
export type BusMessage = Uint8Array | string;

export type BusHandler = (message: BusMessage) => void;

/**
 * Publish/subscribe between the processes of one install: Redis pub/sub when configured,
 * otherwise in-process. Delivery is at most once; consumers that must not miss anything
 * (document updates) also catch up from Postgres.
 */
export interface EventBus {
  readonly kind: 'redis' | 'in-process';
  publish(channel: string, message: BusMessage): Promise<void>;
  /** Returns a function that removes this handler. */
  subscribe(channel: string, handler: BusHandler): Promise<() => Promise<void>>;
  /**
   * How many handlers in the whole install would receive a message on `channel`, when the bus
   * can tell (in-process); null when it cannot (Redis: other instances are not visible).
   */
  audience(channel: string): number | null;
  /** Called with true when the bus (re)connects after a loss, so consumers can catch up. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}
