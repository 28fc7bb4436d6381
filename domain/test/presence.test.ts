import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_LIMITS } from '../src/document-limits.js';
import { encodeTextRange } from '../src/event-text.js';
import {
  PRESENCE_LIMITS,
  PresenceColorSchema,
  presenceState,
  presenceStateFromSession,
  readPresenceState,
} from '../src/presence.js';

const session = { id: 'editor-id', name: 'Edith Editor' };

describe('presence colours', () => {
  it.each(['#d9480f', '#000000', '#ffffff'])('accepts %s', (color) => {
    expect(PresenceColorSchema.safeParse(color).success).toBe(true);
  });

  it.each([
    'url(https://evil)',
    'red',
    '#fff',
    '#D9480F',
    '#d9480f; background: url(x)',
    ' #d9480f',
    '#d9480f\n',
    'rgb(0,0,0)',
    '',
  ])('refuses %j', (color) => {
    expect(PresenceColorSchema.safeParse(color).success).toBe(false);
  });
});

describe('presenceStateFromSession', () => {
  it("replaces a claimed identity with the session's and drops a colour that is not #rrggbb", () => {
    const sent = {
      user: { id: 'owner-id', name: 'Olive Owner', color: 'url(https://evil)' },
      editing: 'event-1',
    };
    expect(presenceStateFromSession(session, sent)).toEqual({
      user: { id: 'editor-id', name: 'Edith Editor' },
      editing: 'event-1',
    });
  });

  it('keeps a valid colour and drops fields the schema does not know', () => {
    const sent = { user: { id: 'x', name: 'y', color: '#1971c2', admin: true }, role: 'owner' };
    expect(presenceStateFromSession(session, sent)).toEqual({
      user: { id: 'editor-id', name: 'Edith Editor', color: '#1971c2' },
      editing: null,
    });
  });

  it.each([
    ['an over-long id', 'e'.repeat(DOCUMENT_LIMITS.eventIdLength + 1)],
    ['an empty id', ''],
    ['a number', 42],
    ['an object', { id: 'event-1' }],
  ])('turns %s in editing into null', (_what, editing) => {
    expect(presenceStateFromSession(session, { editing }).editing).toBeNull();
  });

  it('gives a state that is not an object the bare session identity', () => {
    expect(presenceStateFromSession(session, 'hello')).toEqual({
      user: { id: 'editor-id', name: 'Edith Editor' },
      editing: null,
    });
  });

  it("serialises exactly as a tab's own state does, so the relay can pass a tab's bytes through", () => {
    const color = PresenceColorSchema.parse('#2f9e44');
    const tab = presenceState({ ...session, color }, 'event-1');
    expect(JSON.stringify(presenceStateFromSession(session, JSON.parse(JSON.stringify(tab))))).toBe(
      JSON.stringify(tab),
    );
  });
});

describe('presence cursors', () => {
  const range = encodeTextRange(new Y.Doc().getText('notes'), 0, 0);
  const cursor = { eventId: 'event-1', field: 'notes' as const, ...range };

  it('passes a caret in a text field through, in the order a tab writes it', () => {
    const tab = presenceState(session, 'event-1', cursor);
    const relayed = presenceStateFromSession(session, JSON.parse(JSON.stringify(tab)));
    expect(relayed.cursor).toEqual(cursor);
    expect(JSON.stringify(relayed)).toBe(JSON.stringify(tab));
  });

  it('leaves the cursor out while no text field has focus', () => {
    expect(presenceState(session, 'event-1', null)).not.toHaveProperty('cursor');
  });

  it.each([
    ['a field that is not text', { ...cursor, field: 'start' }],
    ['a position that is not base64', { ...cursor, anchor: '<script>' }],
    ['an over-long position', { ...cursor, head: 'A'.repeat(100) }],
    [
      'an over-long event id',
      { ...cursor, eventId: 'e'.repeat(DOCUMENT_LIMITS.eventIdLength + 1) },
    ],
  ])('drops a cursor with %s', (_what, sent) => {
    const relayed = presenceStateFromSession(session, { editing: 'event-1', cursor: sent });
    expect(relayed).not.toHaveProperty('cursor');
  });

  it('keeps only the known keys of a cursor', () => {
    const sent = { ...cursor, color: 'red' };
    expect(presenceStateFromSession(session, { cursor: sent }).cursor).toEqual(cursor);
  });
});

describe('readPresenceState', () => {
  it('reads the documented state and refuses one with an unsafe colour', () => {
    expect(
      readPresenceState({ user: { id: 'a', name: 'A', color: '#123456' }, editing: null }),
    ).toEqual({ user: { id: 'a', name: 'A', color: '#123456' }, editing: null });
    expect(
      readPresenceState({ user: { id: 'a', name: 'A', color: 'url(x)' }, editing: null }),
    ).toBeNull();
    expect(readPresenceState({ name: 'A' })).toBeNull();
  });
});

describe('presence on the stripboard', () => {
  const strip = { id: 'strip-1', action: 'dragging' as const };

  it('passes the strip a tab drags or edits through, in the order a tab writes it', () => {
    const tab = presenceState(session, null, null, strip);
    const relayed = presenceStateFromSession(session, JSON.parse(JSON.stringify(tab)));
    expect(relayed.strip).toEqual(strip);
    expect(JSON.stringify(relayed)).toBe(JSON.stringify(tab));
    expect(readPresenceState(tab)?.strip).toEqual(strip);
  });

  it('leaves the strip out while the tab drags and edits none, as older tabs write it', () => {
    expect(presenceState(session, 'event-1')).not.toHaveProperty('strip');
    expect(presenceStateFromSession(session, { strip: null })).not.toHaveProperty('strip');
  });

  it.each([
    ['an action it does not know', { ...strip, action: 'deleting' }],
    ['an over-long id', { ...strip, id: 's'.repeat(DOCUMENT_LIMITS.stripIdLength + 1) }],
    ['an empty id', { ...strip, id: '' }],
    ['a string', 'strip-1'],
  ])('drops a strip with %s', (_what, sent) => {
    expect(presenceStateFromSession(session, { strip: sent })).not.toHaveProperty('strip');
  });

  it('keeps only the known keys of a strip, within the size of a state', () => {
    const sent = { ...strip, colour: 'red' };
    const relayed = presenceStateFromSession(session, { strip: sent });
    expect(relayed.strip).toEqual(strip);
    const longest = presenceState(
      { ...session, color: PresenceColorSchema.parse('#2f9e44') },
      'e'.repeat(DOCUMENT_LIMITS.eventIdLength),
      null,
      { id: 's'.repeat(DOCUMENT_LIMITS.stripIdLength), action: 'dragging' },
    );
    expect(JSON.stringify(longest).length).toBeLessThan(PRESENCE_LIMITS.stateBytes / 2);
  });
});
