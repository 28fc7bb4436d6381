import { createTestDatabase, waitFor } from '@callboard/db/testing';
import { describe, expect, it } from 'vitest';
import { useRelayTestFile } from './support/relay-test-file.js';
import { metricValue } from './support/stored-document.js';
import { testEvent } from './support/test-event.js';
import { waitForSync } from './support/yjs-test-client.js';

const testDatabase = await createTestDatabase();
const relay = useRelayTestFile(testDatabase);

describe.skipIf(!testDatabase)('a crowd joining one schedule', () => {
  it('encodes the first sync once per document version and shares it with every joiner', async () => {
    const { calendarId, projectId, member } = await relay.calendarWithMember('editor');
    const writer = relay.connect(calendarId, { cookie: member.cookie });
    await waitForSync(writer);
    for (let i = 0; i < 50; i += 1)
      writer.doc.getMap('events').set(`event-${i}`, testEvent(`${i}`));
    await waitFor(
      async () =>
        (await metricValue(
          relay.server().platform.metrics,
          'callboard_yjs_updates_received_total',
        )) >= 50,
      'the writer’s edits to reach the relay',
    );

    const metrics = relay.server().platform.metrics;
    const count = (name: string) => metricValue(metrics, name, { step: 'step2' });
    const [encodedBefore, answeredBefore] = await Promise.all([
      count('callboard_yjs_sync_encodings_total'),
      count('callboard_yjs_sync_answers_total'),
    ]);
    const crowd = Array.from({ length: 20 }, () => {
      const viewer = relay.addMember({ calendarId, projectId }, 'viewer');
      return relay.connect(calendarId, { cookie: viewer.cookie });
    });
    await Promise.all(crowd.map(waitForSync));
    for (const client of crowd) expect(client.doc.getMap('events').size).toBe(50);
    expect((await count('callboard_yjs_sync_answers_total')) - answeredBefore).toBe(20);
    expect((await count('callboard_yjs_sync_encodings_total')) - encodedBefore).toBe(1);

    // The next edit makes a new version: the next joiner's answer is encoded afresh.
    writer.doc.getMap('events').set('late', testEvent('late'));
    const late = relay.connect(calendarId, { cookie: member.cookie });
    await waitFor(
      () => late.doc.getMap('events').has('late'),
      'a late joiner to get the new version',
    );
    expect((await count('callboard_yjs_sync_encodings_total')) - encodedBefore).toBe(2);
  });
});
