import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionExpiries, type SessionChecks } from './session-expiry.js';

beforeEach(() => vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
afterEach(() => vi.useRealTimers());

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);

interface Connection {
  name: string;
}

function expiries(revalidate: SessionChecks<Connection>['revalidate'], retryMs?: number) {
  const onExpired = vi.fn<(connection: Connection) => void>();
  const watcher = new SessionExpiries<Connection>({ revalidate, onExpired, retryMs });
  return { watcher, onExpired };
}

describe('SessionExpiries', () => {
  it('ends the connection when the session is gone at its expiry', async () => {
    const { watcher, onExpired } = expiries(async () => null);
    const connection = { name: 'a' };
    watcher.watch(connection, inMinutes(10));
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onExpired).toHaveBeenCalledExactlyOnceWith(connection);
  });

  it('keeps the connection while the session slides, until it really expires', async () => {
    const renewals = [inMinutes(20), null];
    const { watcher, onExpired } = expiries(async () => renewals.shift() ?? null);
    watcher.watch({ name: 'a' }, inMinutes(10));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('waits past the longest setTimeout for a session weeks away', async () => {
    const { watcher, onExpired } = expiries(async () => null);
    watcher.watch({ name: 'a' }, inMinutes(30 * 24 * 60));
    await vi.advanceTimersByTimeAsync(29 * 24 * 3_600_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(onExpired).toHaveBeenCalledOnce();
  });

  it('retries when the accounts tier cannot answer', async () => {
    const revalidate = vi
      .fn<SessionChecks<Connection>['revalidate']>()
      .mockRejectedValueOnce(new Error('database down'))
      .mockResolvedValue(null);
    const { watcher, onExpired } = expiries(revalidate, 1000);
    watcher.watch({ name: 'a' }, inMinutes(1));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(onExpired).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onExpired).toHaveBeenCalledOnce();
    expect(revalidate).toHaveBeenCalledTimes(2);
  });

  it('serves many connections with one timer, each at its own expiry', async () => {
    const { watcher, onExpired } = expiries(async () => null);
    const late = { name: 'late' };
    const early = { name: 'early' };
    const gone = { name: 'gone' };
    watcher.watch(late, inMinutes(30));
    watcher.watch(early, inMinutes(10));
    watcher.watch(gone, inMinutes(5));
    watcher.unwatch(gone);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(onExpired.mock.calls).toEqual([[early]]);
    await vi.advanceTimersByTimeAsync(20 * 60_000);
    expect(onExpired.mock.calls).toEqual([[early], [late]]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('drops the answer for a connection that closed while it was checked', async () => {
    let answer: (expiry: Date | null) => void = () => undefined;
    const { watcher, onExpired } = expiries(
      () => new Promise<Date | null>((resolve) => (answer = resolve)),
    );
    const connection = { name: 'a' };
    watcher.watch(connection, inMinutes(1));
    await vi.advanceTimersByTimeAsync(60_000);
    watcher.unwatch(connection);
    answer(null);
    await vi.advanceTimersByTimeAsync(0);
    expect(onExpired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops when told', async () => {
    const { watcher, onExpired } = expiries(async () => null);
    watcher.watch({ name: 'a' }, inMinutes(1));
    watcher.stop();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(onExpired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
