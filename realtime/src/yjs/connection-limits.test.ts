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
  it('reserves slots up to the limit per user and has room again after a release', () => {
    const counter = new UserConnectionCounter(2);
    const first = counter.reserve('u');
    expect(counter.reserve('u')).not.toBeNull();
    expect(counter.reserve('u')).toBeNull();
    expect(counter.reserve('someone else')).not.toBeNull();
    first!.release();
    expect(counter.reserve('u')).not.toBeNull();
  });

  it('gives a slot back once however often it is released', () => {
    const counter = new UserConnectionCounter(2);
    const slot = counter.reserve('u')!;
    counter.reserve('u');
    slot.release();
    slot.release();
    expect(counter.reserve('u')).not.toBeNull();
    expect(counter.reserve('u')).toBeNull();
  });
});
