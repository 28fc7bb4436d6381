import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionExpiryWatch } from './session-expiry.js';

beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => vi.useRealTimers());

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

describe('SessionExpiryWatch', () => {
  it('ends the connection when the session is gone at its expiry', async () => {
    const onExpired = vi.fn();
    new SessionExpiryWatch({ expiresAt: inMinutes(10), revalidate: async () => null, onExpired });
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('keeps the connection while the session slides, until it really expires', async () => {
    const onExpired = vi.fn();
    const renewals = [inMinutes(20), null];
    new SessionExpiryWatch({
      expiresAt: inMinutes(10),
      revalidate: async () => renewals.shift() ?? null,
      onExpired,
    });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('waits past the longest setTimeout for a session weeks away', async () => {
    const onExpired = vi.fn();
    new SessionExpiryWatch({
      expiresAt: inMinutes(30 * 24 * 60),
      revalidate: async () => null,
      onExpired,
    });
    await vi.advanceTimersByTimeAsync(29 * 24 * 3_600_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('retries when the accounts tier cannot answer, and stops when told', async () => {
    const onExpired = vi.fn();
    const revalidate = vi
      .fn()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValue(null);
    const watch = new SessionExpiryWatch({
      expiresAt: inMinutes(1),
      revalidate,
      onExpired,
      retryMs: 1000,
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onExpired).not.toHaveBeenCalled();
    watch.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onExpired).not.toHaveBeenCalled();
  });
});
