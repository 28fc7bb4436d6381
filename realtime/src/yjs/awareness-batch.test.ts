import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwarenessBatch } from './awareness-batch.js';

describe('AwarenessBatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the changes of one window as one batch, each id once', () => {
    const flushes: [number[], number[]][] = [];
    const batch = new AwarenessBatch({
      windowMs: 50,
      renewalWindowMs: 2000,
      flush: (changed, published) => flushes.push([changed, published]),
      flushRenewals: () => undefined,
    });
    batch.add([1, 2], true);
    batch.add([2, 3], false);
    vi.advanceTimersByTime(49);
    expect(flushes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(flushes).toEqual([
      [
        [1, 2, 3],
        [1, 2],
      ],
    ]);
    batch.add([4], false);
    vi.advanceTimersByTime(50);
    expect(flushes[1]).toEqual([[4], []]);
  });

  it('sends at once with a window of 0', () => {
    const flushes: number[][] = [];
    const batch = new AwarenessBatch({
      windowMs: 0,
      renewalWindowMs: 0,
      flush: (changed) => flushes.push(changed),
      flushRenewals: () => undefined,
    });
    batch.add([7], true);
    batch.add([8], true);
    batch.renew([9], false);
    expect(flushes).toEqual([[7], [8], [9]]);
  });

  it('holds renewals for the renewal window and sends them together', () => {
    const renewals: number[][] = [];
    const flush = vi.fn();
    const batch = new AwarenessBatch({
      windowMs: 50,
      renewalWindowMs: 2000,
      flush,
      flushRenewals: (renewed) => renewals.push(renewed),
    });
    batch.renew([1], false);
    vi.advanceTimersByTime(1500);
    batch.renew([2, 1], false);
    vi.advanceTimersByTime(499);
    expect(renewals).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(renewals).toEqual([[1, 2]]);
    expect(flush).not.toHaveBeenCalled();
  });

  it('sends waiting renewals with the next change, which costs no extra frame', () => {
    const flushes: [number[], number[]][] = [];
    const flushRenewals = vi.fn();
    const batch = new AwarenessBatch({
      windowMs: 50,
      renewalWindowMs: 2000,
      flush: (changed, published) => flushes.push([changed, published]),
      flushRenewals,
    });
    batch.renew([1, 2], false);
    batch.add([3], false);
    // A change supersedes a waiting renewal of the same state.
    batch.add([2], false);
    vi.advanceTimersByTime(50);
    expect(flushes).toEqual([[[3, 2, 1], []]]);
    vi.advanceTimersByTime(2000);
    expect(flushRenewals).not.toHaveBeenCalled();
  });

  it("publishes this instance's renewals to the other instances without the wait", () => {
    const flushes: [number[], number[]][] = [];
    const renewals: number[][] = [];
    const batch = new AwarenessBatch({
      windowMs: 50,
      renewalWindowMs: 2000,
      flush: (changed, published) => flushes.push([changed, published]),
      flushRenewals: (renewed) => renewals.push(renewed),
    });
    batch.renew([5], true);
    vi.advanceTimersByTime(50);
    expect(flushes).toEqual([[[], [5]]]);
    expect(renewals).toEqual([]);
    vi.advanceTimersByTime(1950);
    expect(renewals).toEqual([[5]]);
  });

  it('sends nothing once cancelled', () => {
    const flush = vi.fn();
    const batch = new AwarenessBatch({
      windowMs: 50,
      renewalWindowMs: 2000,
      flush,
      flushRenewals: flush,
    });
    batch.add([1], true);
    batch.renew([2], false);
    batch.cancel();
    vi.advanceTimersByTime(5000);
    expect(flush).not.toHaveBeenCalled();
  });
});
