import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PacedBroadcast } from './paced-broadcast.js';

describe('PacedBroadcast', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const pacing = { spreadMs: 1000, tickMs: 25, minSlice: 32 };
  const audience = (size: number) => Array.from({ length: size }, (_, i) => i);

  it('reaches a small audience at once', () => {
    const delivered: number[] = [];
    new PacedBroadcast(pacing).send(audience(32), (n) => delivered.push(n));
    expect(delivered).toEqual(audience(32));
  });

  it('reaches a crowd a slice per tick, everyone within the spread', () => {
    const delivered: number[] = [];
    new PacedBroadcast(pacing).send(audience(1000), (n) => delivered.push(n));
    expect(delivered).toHaveLength(32);
    vi.advanceTimersByTime(25);
    expect(delivered).toHaveLength(64);
    vi.advanceTimersByTime(975);
    expect(delivered).toEqual(audience(1000));
  });

  it('takes bigger slices when minimal ones would overrun the spread', () => {
    const delivered: number[] = [];
    new PacedBroadcast(pacing).send(audience(10_000), (n) => delivered.push(n));
    expect(delivered).toHaveLength(250);
    vi.advanceTimersByTime(1000);
    expect(delivered).toHaveLength(10_000);
  });

  it('delivers nothing more once cancelled', () => {
    const delivered: number[] = [];
    const broadcast = new PacedBroadcast(pacing);
    broadcast.send(audience(100), (n) => delivered.push(n));
    broadcast.cancel();
    vi.advanceTimersByTime(1000);
    expect(delivered).toHaveLength(32);
  });
});
