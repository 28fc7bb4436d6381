import { InProcessEventBus } from '@callboard/platform';
import { describe, expect, it } from 'vitest';
import { AccountEventFeed, parseAccountEvent } from './account-event-feed.js';
import { ACCOUNT_EVENTS_CHANNEL, type AccountEvent } from './account-events.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('AccountEventFeed', () => {
  it('delivers its own announcement once, before returning, and another instance’s from the bus', async () => {
    const bus = new InProcessEventBus();
    const here = new AccountEventFeed(bus);
    const there = new AccountEventFeed(bus);
    await Promise.all([here.start(), there.start()]);
    const seenHere: AccountEvent[] = [];
    const seenThere: AccountEvent[] = [];
    here.onEvent((event) => seenHere.push(event));
    there.onEvent((event) => seenThere.push(event));

    const event: AccountEvent = { type: 'project.deleted', projectId: 'p-1' };
    const announced = here.announce(event);
    expect(seenHere).toEqual([event]);
    await announced;
    await settle();
    expect(seenThere).toEqual([event]);
    expect(seenHere).toEqual([event]);
  });

  it('ignores what is not an account event', async () => {
    const bus = new InProcessEventBus();
    const feed = new AccountEventFeed(bus);
    await feed.start();
    const seen: AccountEvent[] = [];
    feed.onEvent((event) => seen.push(event));
    await bus.publish(ACCOUNT_EVENTS_CHANNEL, '{not json');
    await bus.publish(ACCOUNT_EVENTS_CHANNEL, JSON.stringify({ type: 'project.deleted' }));
    await settle();
    expect(seen).toEqual([]);
  });

  it('stops a listener that was removed, and everything once closed', async () => {
    const bus = new InProcessEventBus();
    const feed = new AccountEventFeed(bus);
    await feed.start();
    const seen: AccountEvent[] = [];
    const stop = feed.onEvent((event) => seen.push(event));
    stop();
    await bus.publish(
      ACCOUNT_EVENTS_CHANNEL,
      JSON.stringify({ type: 'project.deleted', projectId: 'p' }),
    );
    await settle();
    expect(seen).toEqual([]);
    feed.close();
  });
});

describe('parseAccountEvent', () => {
  it('accepts a valid event and nothing else', () => {
    const event = { type: 'session.revoked', sessionId: 's', userId: 'u' };
    expect(parseAccountEvent(JSON.stringify(event))).toEqual(event);
    expect(parseAccountEvent('{not json')).toBeNull();
    expect(parseAccountEvent(JSON.stringify({ type: 'session.revoked' }))).toBeNull();
    expect(parseAccountEvent(new Uint8Array([1]))).toBeNull();
  });
});
