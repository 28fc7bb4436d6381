import { describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS } from '../src/document-limits.js';
import {
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
