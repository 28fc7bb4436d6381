import { describe, expect, it } from 'vitest';
import { AccountEventFeed, parseAccountEvent } from './account-event-feed.js';
import type { AccountEvent } from './account-events.js';
import { ACCOUNT_EVENTS_CHANNEL } from './account-events.js';
import { InProcessEventBus } from './in-process-event-bus.js';

describe('AccountEventFeed', () => {
  it('delivers its own announcement before returning, and another instance’s from the bus', async () => {
    const bus = new InProcessEventBus();
    const here = new AccountEventFeed(bus);
    const there = new AccountEventFeed(bus);
    const seenHere: AccountEvent[] = [];
    const seenThere: AccountEvent[] = [];
    here.onEvent((event) => seenHere.push(event));
    there.onEvent((event) => seenThere.push(event));
    await Promise.resolve();

    const event: AccountEvent = { type: 'project.deleted', projectId: 'p-1' };
    const announced = here.announce(event);
    expect(seenHere).toEqual([event]);
    await announced;
    await Promise.resolve();
    expect(seenThere).toContainEqual(event);
  });

  it('ignores what is not an account event', async () => {
    const bus = new InProcessEventBus();
    const feed = new AccountEventFeed(bus);
    const seen: AccountEvent[] = [];
    feed.onEvent((event) => seen.push(event));
    await Promise.resolve();
    await bus.publish(ACCOUNT_EVENTS_CHANNEL, '{not json');
    await bus.publish(ACCOUNT_EVENTS_CHANNEL, JSON.stringify({ type: 'project.deleted' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual([]);
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
