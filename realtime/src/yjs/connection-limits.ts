/** One clock shared by every bucket: a closure of its own would be held per connection. */
const performanceNow = (): number => performance.now();

/** A token budget: `ratePerSecond` on average, `burst` at once (messages, or bytes). */
export class TokenBucket {
  #tokens: number;
  #refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = performanceNow,
  ) {
    this.#tokens = burst;
    this.#refilledAt = now();
  }

  /** Spends `cost` tokens (one by default); false, spending none, when fewer are left. */
  take(cost = 1): boolean {
    const now = this.now();
    this.#tokens = Math.min(
      this.burst,
      this.#tokens + ((now - this.#refilledAt) / 1000) * this.ratePerSecond,
    );
    this.#refilledAt = now;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}

/** A held place in a user's connection limit; releasing it more than once is harmless. */
export interface ConnectionSlot {
  release(): void;
}

/**
 * Open connections per user on this instance, so one account cannot exhaust the process. A
 * slot is taken in the same step as the check, so upgrades racing through their lookups
 * cannot all see room for one more.
 */
export class UserConnectionCounter {
  readonly #open = new Map<string, number>();

  constructor(private readonly maxPerUser: number) {}

  /** Takes one of the user's slots; null when all are taken. */
  reserve(userId: string): ConnectionSlot | null {
    const open = this.#open.get(userId) ?? 0;
    if (open >= this.maxPerUser) return null;
    this.#open.set(userId, open + 1);
    return new HeldSlot(this.#open, userId);
  }
}

/** A class, not a closure: one is held for every open connection. */
class HeldSlot implements ConnectionSlot {
  #held = true;

  constructor(
    private readonly open: Map<string, number>,
    private readonly userId: string,
  ) {}

  release(): void {
    if (!this.#held) return;
    this.#held = false;
    const remaining = (this.open.get(this.userId) ?? 1) - 1;
    if (remaining <= 0) this.open.delete(this.userId);
    else this.open.set(this.userId, remaining);
  }
}
