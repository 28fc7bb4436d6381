import {
  ACCOUNT_EVENTS_CHANNEL,
  parseAccountEvent,
  type BusMessage,
  type EventBus,
  type Logger,
} from '@callboard/api';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import { recheckAccess } from './access-recheck.js';
import { enforceAccountEvent, type GuardedConnection } from './guarded-connection.js';

export interface AccessGuardOptions {
  bus: EventBus;
  deps: RealtimeDependencies;
  logger: Logger;
  /** How often every connection's session and access are checked again (REALTIME_ACCESS_RECHECK_MS). */
  recheckMs: number;
  /** This instance's connections of one transport, as they are now. */
  connections(): Iterable<GuardedConnection>;
}

/**
 * Keeps one transport's connections within their access: applies account events as they
 * arrive, and checks every connection again on a timer and whenever the bus reconnects,
 * because the bus delivers at most once.
 */
export class AccessGuard {
  #timer: NodeJS.Timeout | null = null;
  #unsubscribe: (() => Promise<void>) | null = null;
  #stopped = false;

  constructor(private readonly options: AccessGuardOptions) {}

  /** Starts the timer, then subscribes, retrying until the bus takes it or the guard stops. */
  async start(): Promise<void> {
    const { bus, logger } = this.options;
    bus.onReconnect(() => void this.recheck());
    this.#timer = setInterval(() => void this.recheck(), this.options.recheckMs);
    this.#timer.unref();
    for (let attempt = 1; !this.#stopped; attempt += 1) {
      try {
        const unsubscribe = await bus.subscribe(ACCOUNT_EVENTS_CHANNEL, (message) =>
          this.#enforce(message),
        );
        if (this.#stopped) return void unsubscribe().catch(() => undefined);
        this.#unsubscribe = unsubscribe;
        return;
      } catch (error) {
        logger.warn({ err: error, attempt }, 'account events subscription failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(attempt * 200, 2000)));
      }
    }
  }

  /** One pass over every connection now; a failure is logged and the next pass retries. */
  recheck(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return recheckAccess(this.options.connections(), this.options.deps).catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'access re-check failed; next pass retries');
    });
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    // Not awaited: with Redis down the unsubscribe would wait for it; the bus closes anyway.
    void this.#unsubscribe?.().catch(() => undefined);
  }

  #enforce(message: BusMessage): void {
    const event = parseAccountEvent(message);
    if (event) enforceAccountEvent(event, this.options.connections());
    else this.options.logger.warn('unreadable account event ignored');
  }
}
