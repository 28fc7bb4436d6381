import { describe, expect, it } from 'vitest';
import { TokenBucket, UserConnectionCounter } from './connection-limits.js';

describe('TokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    now += 100;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    now += 10_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('UserConnectionCounter', () => {
  it('has room until the limit and again after a close', () => {
    const counter = new UserConnectionCounter(2);
    counter.opened('u');
    counter.opened('u');
    expect(counter.hasRoom('u')).toBe(false);
    expect(counter.hasRoom('someone else')).toBe(true);
    counter.closed('u');
    expect(counter.hasRoom('u')).toBe(true);
  });
});
