import { InProcessEventBus } from '@callboard/platform';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { decodeFanOutMessage, DocumentFanOut, encodeFanOutMessage } from './document-fan-out.js';
import { createRelayMetrics } from './relay-metrics.js';

const metrics = createRelayMetrics(new Registry());
const logger = pino({ level: 'silent' });

describe('DocumentFanOut', () => {
  it('round-trips a message with its sender', () => {
    const decoded = decodeFanOutMessage(
      encodeFanOutMessage('instance-a', 'awareness', new Uint8Array([1, 2])),
    );
    expect(decoded).toMatchObject({
      instanceId: 'instance-a',
      kind: 'awareness',
      payload: new Uint8Array([1, 2]),
    });
  });

  it('delivers to other instances and never back to the sender', async () => {
    const bus = new InProcessEventBus();
    const first = new DocumentFanOut({ bus, instanceId: 'a', logger, metrics });
    const second = new DocumentFanOut({ bus, instanceId: 'b', logger, metrics });
    const seenByFirst: string[] = [];
    const seenBySecond: string[] = [];
    await first.subscribe('cal', (kind) => seenByFirst.push(kind));
    await second.subscribe('cal', (kind) => seenBySecond.push(kind));
    first.publish('cal', 'update', new Uint8Array([1]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seenByFirst).toEqual([]);
    expect(seenBySecond).toEqual(['update']);
  });

  it('publishes nothing while it is the only listener on the in-process bus', async () => {
    const bus = new InProcessEventBus();
    const published: string[] = [];
    const publish = bus.publish.bind(bus);
    bus.publish = (channel, message) => {
      published.push(channel);
      return publish(channel, message);
    };
    const alone = new DocumentFanOut({ bus, instanceId: 'a', logger, metrics });
    await alone.subscribe('cal', () => undefined);
    alone.publish('cal', 'update', new Uint8Array([1]));
    expect(published).toEqual([]);

    const other = new DocumentFanOut({ bus, instanceId: 'b', logger, metrics });
    await other.subscribe('cal', () => undefined);
    alone.publish('cal', 'update', new Uint8Array([1]));
    expect(published).toEqual(['yjs:cal']);
  });

  it('drops outgoing messages while the test hook says so', async () => {
    const bus = new InProcessEventBus();
    const sender = new DocumentFanOut({ bus, instanceId: 'a', logger, metrics });
    const receiver = new DocumentFanOut({ bus, instanceId: 'b', logger, metrics });
    const seen: string[] = [];
    await receiver.subscribe('cal', (kind) => seen.push(kind));
    sender.dropOutgoing = () => true;
    sender.publish('cal', 'update', new Uint8Array([1]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([]);
  });
});
