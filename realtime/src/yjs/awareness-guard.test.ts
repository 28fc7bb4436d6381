import {
  DOCUMENT_LIMITS,
  encodeTextRange,
  PRESENCE_LIMITS,
  presenceState,
} from '@callboard/domain';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  admitFanOutAwareness,
  encodeFanOutAwareness,
  PresenceGuard,
  PresenceLimitError,
} from './awareness-guard.js';
import { LoadedDocument, type DocumentClient } from './document-registry.js';
import { ProtocolError } from './yjs-protocol.js';

const editor = { id: 'editor-id', name: 'Edith Editor' };
const owner = { id: 'owner-id', name: 'Olive Owner' };

/** An awareness update as y-protocols encodes it, from [clientId, clock, state] entries. */
function awarenessUpdate(...entries: [number, number, unknown][]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/** A loaded document with `writers` local writer connections. */
function documentWithWriters(writers = 1): LoadedDocument {
  const loaded = new LoadedDocument('cal');
  for (let i = 0; i < writers; i++) {
    const client: DocumentClient = {
      send: () => undefined,
      userId: `user-${i}`,
    };
    loaded.clients.add(client);
  }
  return loaded;
}

function guardFor(
  user = editor,
  limits?: ConstructorParameters<typeof PresenceGuard>[0]['limits'],
) {
  const onForeign = vi.fn();
  return { guard: new PresenceGuard({ user, onForeign, limits }), onForeign };
}

/** Admits `update` and applies what the guard let through, as the connection does. */
function admitAndApply(guard: PresenceGuard, loaded: LoadedDocument, update: Uint8Array) {
  const admitted = guard.admit(loaded, update);
  if (admitted) awarenessProtocol.applyAwarenessUpdate(loaded.awareness, admitted, 'test');
  return admitted;
}

const tabState = { user: { ...editor, color: '#1971c2' }, editing: null };

describe('PresenceGuard', () => {
  it("passes a tab's own documented state through as the very same bytes", () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const update = awarenessUpdate([7, 1, tabState]);
    expect(guard.admit(loaded, update)).toBe(update);
  });

  it("passes a tab's caret in a text field through as the very same bytes", () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const notes = new Y.Doc().getMap('events').set('event-1', new Y.Map<unknown>());
    const range = encodeTextRange(notes.set('notes', new Y.Text('Base note.')), 4, 10);
    const state = presenceState(editor, 'event-1', {
      eventId: 'event-1',
      field: 'notes',
      ...range,
    });
    const update = awarenessUpdate([7, 1, state]);
    expect(guard.admit(loaded, update)).toBe(update);
  });

  it('drops a caret that is not a text position and keeps the rest of the state', () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const cursor = { eventId: 'event-1', field: 'notes', anchor: 'url(x)', head: 'AAAA' };
    admitAndApply(guard, loaded, awarenessUpdate([7, 1, { editing: 'event-1', cursor }]));
    expect(loaded.awareness.getStates().get(7)).toEqual({ user: editor, editing: 'event-1' });
  });

  it('fits the largest documented state, caret included, within the state limit', () => {
    const id = 'e'.repeat(DOCUMENT_LIMITS.eventIdLength);
    const position = 'A'.repeat(96);
    const state = presenceState({ id, name: '名'.repeat(100) }, id, {
      eventId: id,
      field: 'location',
      anchor: position,
      head: position,
    });
    const bytes = new TextEncoder().encode(JSON.stringify(state)).length;
    expect(bytes).toBeLessThanOrEqual(PRESENCE_LIMITS.stateBytes);
  });

  it("relays a forged identity as the session's, without an unsafe colour or unknown fields", () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const forged = {
      user: { id: owner.id, name: owner.name, color: 'url(https://evil)' },
      editing: 'event-1',
      admin: true,
    };
    admitAndApply(guard, loaded, awarenessUpdate([7, 1, forged]));
    expect(loaded.awareness.getStates().get(7)).toEqual({ user: editor, editing: 'event-1' });
    expect(loaded.awarenessUsers.get(7)).toBe(editor.id);
  });

  it('relays a renewal of a rewritten state under its new clock', () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const sent = { user: owner, editing: 'event-1' };
    admitAndApply(guard, loaded, awarenessUpdate([7, 1, sent]));
    admitAndApply(guard, loaded, awarenessUpdate([7, 2, sent]));
    expect(loaded.awareness.meta.get(7)?.clock).toBe(2);
    expect(loaded.awareness.getStates().get(7)).toEqual({ user: editor, editing: 'event-1' });
  });

  it('leaves out states it already holds, as a stock client echoes every state it hears', () => {
    const loaded = documentWithWriters();
    admitAndApply(guardFor(owner).guard, loaded, awarenessUpdate([7, 3, { editing: null }]));
    const { guard, onForeign } = guardFor();
    const echo = awarenessProtocol.encodeAwarenessUpdate(loaded.awareness, [7]);
    expect(guard.admit(loaded, echo)).toBeNull();
    expect(onForeign).not.toHaveBeenCalled();
  });

  it("leaves out another user's client id, reports it, and keeps the sender's own entries", () => {
    const loaded = documentWithWriters(2);
    admitAndApply(guardFor(owner).guard, loaded, awarenessUpdate([7, 1, { editing: 'mine' }]));
    const { guard, onForeign } = guardFor();
    admitAndApply(
      guard,
      loaded,
      awarenessUpdate([7, 9, { editing: 'taken' }], [8, 1, { editing: 'own' }], [7, 10, null]),
    );
    expect(onForeign).toHaveBeenCalledTimes(1);
    expect(loaded.awareness.getStates().get(7)).toEqual({ user: owner, editing: 'mine' });
    expect(loaded.awareness.getStates().get(8)).toEqual({ user: editor, editing: 'own' });
  });

  it('keeps untouched entries on either side of one it leaves out', () => {
    const loaded = documentWithWriters(2);
    admitAndApply(guardFor(owner).guard, loaded, awarenessUpdate([7, 1, { editing: 'mine' }]));
    const { guard } = guardFor();
    const own = { user: editor, editing: 'own' };
    admitAndApply(
      guard,
      loaded,
      awarenessUpdate([8, 1, own], [7, 9, { editing: 'taken' }], [9, 1, own]),
    );
    expect(loaded.awareness.getStates().get(8)).toEqual(own);
    expect(loaded.awareness.getStates().get(9)).toEqual(own);
    expect(loaded.awareness.getStates().get(7)).toEqual({ user: owner, editing: 'mine' });
  });

  it("lets a user's new connection take over the client id of their earlier one", () => {
    const loaded = documentWithWriters();
    admitAndApply(guardFor().guard, loaded, awarenessUpdate([7, 1, { editing: 'before' }]));
    admitAndApply(guardFor().guard, loaded, awarenessUpdate([7, 2, { editing: 'after' }]));
    expect(loaded.awareness.getStates().get(7)).toEqual({ user: editor, editing: 'after' });
  });

  it('refuses a message that would give one connection a fifth client id, before applying any of it', () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const flood = awarenessUpdate(
      ...Array.from({ length: 24_000 }, (_, i): [number, number, unknown] => [100 + i, 1, {}]),
    );
    expect(() => guard.admit(loaded, flood)).toThrow(PresenceLimitError);
    expect(loaded.awareness.getStates().size).toBe(0);
  });

  it('allows four client ids on one connection, counted over its life', () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    for (const id of [1, 2, 3, 4]) admitAndApply(guard, loaded, awarenessUpdate([id, 1, {}]));
    admitAndApply(guard, loaded, awarenessUpdate([1, 2, null], [2, 2, null]));
    expect(() => guard.admit(loaded, awarenessUpdate([5, 1, {}]))).toThrow(PresenceLimitError);
  });

  it('refuses a state over 1 KiB of JSON', () => {
    const loaded = documentWithWriters();
    const { guard } = guardFor();
    const big = awarenessUpdate([7, 1, { editing: null, padding: 'x'.repeat(1024) }]);
    expect(() => guard.admit(loaded, big)).toThrow(PresenceLimitError);
  });

  it("refuses states past the document's cap: one per writer connection plus the spare", () => {
    const limits = { clientIdsPerConnection: 4, stateBytes: 1024, spareStatesPerDocument: 2 };
    const loaded = documentWithWriters(1);
    const admitLocal = (id: number) => {
      const { guard } = guardFor(editor, limits);
      const update = guard.admit(loaded, awarenessUpdate([id, 1, {}]));
      const client = [...loaded.clients][0]!;
      // What the registry records when a local connection's state is applied.
      loaded.awarenessOwners.set(id, client);
      if (update) awarenessProtocol.applyAwarenessUpdate(loaded.awareness, update, client);
    };
    for (const id of [1, 2, 3]) admitLocal(id);
    expect(() => admitLocal(4)).toThrow(PresenceLimitError);
  });

  it('closes on a state that is not JSON, and on trailing bytes', () => {
    const loaded = documentWithWriters();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 7);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarString(encoder, '{not json');
    expect(() => guardFor().guard.admit(loaded, encoding.toUint8Array(encoder))).toThrow(
      ProtocolError,
    );
    const trailing = new Uint8Array([...awarenessUpdate([8, 1, {}]), 0]);
    expect(() => guardFor().guard.admit(loaded, trailing)).toThrow(ProtocolError);
    expect(() => guardFor().guard.admit(loaded, new Uint8Array([1, 7]))).toThrow(ProtocolError);
  });
});

describe('fan-out awareness', () => {
  it("carries each entry's owner, and the receiving instance records it", () => {
    const sender = documentWithWriters();
    admitAndApply(guardFor().guard, sender, awarenessUpdate([7, 1, { editing: 'e' }]));
    const receiver = documentWithWriters();
    const update = admitFanOutAwareness(receiver, encodeFanOutAwareness(sender, [7]), vi.fn());
    awarenessProtocol.applyAwarenessUpdate(receiver.awareness, update!, 'fan-out');
    expect(receiver.awarenessUsers.get(7)).toBe(editor.id);
    expect(receiver.awareness.getStates().get(7)).toEqual({ user: editor, editing: 'e' });
  });

  it('does not accept a state for a client id another user owns on the receiving instance', () => {
    const receiver = documentWithWriters();
    admitAndApply(guardFor(owner).guard, receiver, awarenessUpdate([7, 1, { editing: 'mine' }]));
    const sender = documentWithWriters();
    admitAndApply(guardFor().guard, sender, awarenessUpdate([7, 5, { editing: 'taken' }]));
    const onForeign = vi.fn();
    expect(
      admitFanOutAwareness(receiver, encodeFanOutAwareness(sender, [7]), onForeign),
    ).toBeNull();
    expect(onForeign).toHaveBeenCalledTimes(1);
    expect(receiver.awareness.getStates().get(7)).toEqual({ user: owner, editing: 'mine' });
  });
});
