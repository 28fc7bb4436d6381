/** A per-connection message budget: `ratePerSecond` on average, `burst` at once. */
export class TokenBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.#tokens = burst;
    this.#refilledAt = now();
  }

  /** Spends one token; false when the budget is exhausted. */
  take(): boolean {
    const now = this.now();
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.ratePerSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

/** Open connections per user on this instance, so one account cannot exhaust the process. */
export class UserConnectionCounter {
  readonly #open = new Map<string, number>();

  constructor(private readonly maxPerUser: number) {}

  hasRoom(userId: string): boolean {
    return (this.#open.get(userId) ?? 0) < this.maxPerUser;
  }

  opened(userId: string): void {
    this.#open.set(userId, (this.#open.get(userId) ?? 0) + 1);
  }

  closed(userId: string): void {
    const remaining = (this.#open.get(userId) ?? 1) - 1;
    if (remaining <= 0) this.#open.delete(userId);
    else this.#open.set(userId, remaining);
  }
}
