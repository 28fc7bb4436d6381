import type { Logger } from '@callboard/platform';
import type { RealtimeDependencies } from '../yjs/relay-dependencies.js';
import { recheckAccess } from './access-recheck.js';
import { enforceAccountEvent, type GuardedConnection } from './guarded-connection.js';

export interface AccessGuardOptions {
  deps: RealtimeDependencies;
  logger: Logger;
  /** How often every connection's session and access are checked again (REALTIME_ACCESS_RECHECK_MS). */
  recheckMs: number;
  /** This instance's connections of one transport, as they are now. */
  connections(): Iterable<GuardedConnection>;
}

/**
 * Keeps one transport's connections within their access: applies account events from the
 * process's feed as they arrive, and checks every connection again on a timer and whenever
 * the feed may have missed events, because the bus delivers at most once.
 */
export class AccessGuard {
  #timer: NodeJS.Timeout | null = null;
  #stopListening: (() => void)[] = [];
  #stopped = false;

  constructor(private readonly options: AccessGuardOptions) {}

  start(): void {
    const { accountEvents } = this.options.deps;
    this.#stopListening = [
      accountEvents.onEvent((event) => enforceAccountEvent(event, this.options.connections())),
      accountEvents.onMissedEvents(() => void this.recheck()),
    ];
    this.#timer = setInterval(() => void this.recheck(), this.options.recheckMs);
    this.#timer.unref();
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
    for (const stop of this.#stopListening) stop();
  }
}
