import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwarenessBatch } from './awareness-batch.js';

describe('AwarenessBatch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the changes of one window as one batch, each id once', () => {
    const flushes: [number[], number[]][] = [];
    const batch = new AwarenessBatch({
      windowMs: 50,
      flush: (changed, published) => flushes.push([changed, published]),
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
    const batch = new AwarenessBatch({ windowMs: 0, flush: (changed) => flushes.push(changed) });
    batch.add([7], true);
    batch.add([8], true);
    expect(flushes).toEqual([[7], [8]]);
  });

  it('sends nothing once cancelled', () => {
    const flush = vi.fn();
    const batch = new AwarenessBatch({ windowMs: 50, flush });
    batch.add([1], true);
    batch.cancel();
    vi.advanceTimersByTime(100);
    expect(flush).not.toHaveBeenCalled();
  });
});
