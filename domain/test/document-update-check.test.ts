import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CALENDAR_SCHEMA_VERSION,
  createEvent,
  eventsMap,
  initialiseMeta,
  metaMap,
} from '../src/calendar-document.js';
import { DOCUMENT_LIMITS } from '../src/document-limits.js';
import { checkDocumentUpdate } from '../src/document-update-check.js';
import { castMap, createCastMember } from '../src/cast-document.js';
import { createDemoSchedule } from '../src/demo-schedule.js';
import { migrateDocument } from '../src/document-migration.js';
import { convertEventText, convertText, writeText } from '../src/event-text.js';
import {
  setPaletteColour,
  setPalettePreset,
  setWorkingDays,
  settingsMap,
} from '../src/schedule-settings.js';
import { createShootDay } from '../src/shoot-day.js';
import { setStripCast, stripsMap } from '../src/strip-document.js';
import { deleteShootDay, insertStrip, moveStrips } from '../src/strip-placement.js';
import { nightShoot as shoot } from './support/calendar-event.fixture.js';
import { dinerScene } from './support/strip.fixture.js';

const meta = { name: 'Main unit', timezone: 'Europe/London' };

/** A client synced with the server. */
function clientOf(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

/** The server's copy and a client synced with it. */
function pair(setUp?: (doc: Y.Doc) => void): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  if (setUp) setUp(server);
  return { server, client: clientOf(server) };
}

/** The update one change on `doc` produces, as y-websocket would send it. */
function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const listener = (update: Uint8Array) => updates.push(update);
  doc.on('update', listener);
  doc.transact(() => change(doc));
  doc.off('update', listener);
  return Y.mergeUpdates(updates);
}

function event(fields: Record<string, unknown>): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  for (const [key, value] of Object.entries(fields)) map.set(key, value);
  return map;
}

function withEvent(doc: Y.Doc): string {
  return createEvent(doc, shoot, 'event-1');
}

/** Checks a client's write of one key of the event `withEvent` made. */
function checkFieldWrite(server: Y.Doc, key: string, value: unknown) {
  const write = updateOf(clientOf(server), (doc) => eventsMap(doc).get('event-1')!.set(key, value));
  return checkDocumentUpdate(server, write);
}

/** Notes already at their limit: one more character typed in is refused. */
function expectOneMoreNoteRefused(server: Y.Doc, client: Y.Doc, notes: Y.Text) {
  expect(
    checkDocumentUpdate(
      server,
      updateOf(client, () => notes.insert(0, 'n')),
    ),
  ).toEqual({
    status: 'refuse',
    limit: 'value',
    path: 'events.*.notes',
  });
}

describe('checkDocumentUpdate', () => {
  it('accepts a new event and the initial meta of a new calendar', () => {
    const { server, client } = pair();
    const update = updateOf(client, (doc) => {
      initialiseMeta(doc, meta);
      createEvent(doc, shoot);
    });
    expect(checkDocumentUpdate(server, update)).toEqual({ status: 'accept', deletesOnly: false });
  });

  it("accepts a client's whole offline state sent as sync step 2", () => {
    const { server, client } = pair((doc) => {
      initialiseMeta(doc, meta);
      withEvent(doc);
    });
    for (let i = 0; i < 50; i += 1) createEvent(client, { ...shoot, title: `Offline ${i}` });
    eventsMap(client).get('event-1')!.set('title', 'Renamed offline');
    eventsMap(client).delete('event-1');
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(checkDocumentUpdate(server, step2).status).toBe('accept');
  });

  it('refuses a title over its limit and names the field, not the content', () => {
    const { server, client } = pair(withEvent);
    const update = updateOf(client, (doc) =>
      eventsMap(doc)
        .get('event-1')!
        .set('title', 'x'.repeat(DOCUMENT_LIMITS.eventTitleLength + 1)),
    );
    const refusal = { status: 'refuse', limit: 'value', path: 'events.*.title' };
    expect(checkDocumentUpdate(server, update)).toEqual(refusal);
    // As a relay calls it, with the update it decoded to validate the frame.
    expect(checkDocumentUpdate(server, update, { decoded: Y.decodeUpdate(update) })).toEqual(
      refusal,
    );
  });

  it('accepts a Y.Text title within the limit and refuses notes typed past theirs', () => {
    const { server, client } = pair(withEvent);
    const title = new Y.Text();
    const notes = new Y.Text();
    const created = updateOf(client, (doc) => {
      const map = eventsMap(doc).get('event-1')!;
      map.set('title', title);
      map.set('notes', notes);
      title.insert(0, 'x'.repeat(DOCUMENT_LIMITS.eventTitleLength));
      notes.insert(0, 'n'.repeat(DOCUMENT_LIMITS.eventNotesLength - 1));
    });
    expect(checkDocumentUpdate(server, created).status).toBe('accept');
    Y.applyUpdate(server, created);
    const oneMore = updateOf(client, () => notes.insert(0, 'n'));
    expect(checkDocumentUpdate(server, oneMore).status).toBe('accept');
    Y.applyUpdate(server, oneMore);
    expectOneMoreNoteRefused(server, client, notes);
  });

  it('accepts a string field converted to a Y.Text, then retyped at its limit, and refuses one past it', () => {
    const { server, client } = pair(withEvent);
    const map = eventsMap(client).get('event-1')!;
    const full = 'n'.repeat(DOCUMENT_LIMITS.eventNotesLength);
    const converted = updateOf(client, () => writeText(convertEventText(map, 'notes'), full));
    expect(checkDocumentUpdate(server, converted).status).toBe('accept');
    Y.applyUpdate(server, converted);
    const notes = map.get('notes') as Y.Text;
    // Replacing characters of a full field keeps it within the limit: deleted text does not count.
    const retyped = updateOf(client, () =>
      writeText(notes, `${'m'.repeat(100)}${full.slice(100)}`),
    );
    expect(checkDocumentUpdate(server, retyped).status).toBe('accept');
    Y.applyUpdate(server, retyped);
    expectOneMoreNoteRefused(server, client, notes);
  });

  it('refuses a root type outside the schema and a root used as a list', () => {
    const { server, client } = pair();
    expect(
      checkDocumentUpdate(
        server,
        updateOf(client, (doc) => doc.getMap('junk').set('a', 1)),
      ),
    ).toEqual({ status: 'refuse', limit: 'root', path: '(unknown root)' });
    const other = new Y.Doc();
    const list = updateOf(other, (doc) => doc.getArray('events').push([1]));
    expect(checkDocumentUpdate(server, list)).toMatchObject({ status: 'refuse', limit: 'value' });
  });

  it('refuses an event that is not a Y.Map and an event id over its length', () => {
    const { server, client } = pair();
    expect(
      checkDocumentUpdate(
        server,
        updateOf(client, (doc) => eventsMap(doc).set('e', true as never)),
      ),
    ).toEqual({ status: 'refuse', limit: 'value', path: 'events.*' });
    const longId = 'i'.repeat(DOCUMENT_LIMITS.eventIdLength + 1);
    expect(
      checkDocumentUpdate(
        server,
        updateOf(clientOf(server), (doc) => createEvent(doc, shoot, longId)),
      ),
    ).toEqual({ status: 'refuse', limit: 'key', path: 'events' });
  });

  it('checks the type of each documented field', () => {
    const { server } = pair(withEvent);
    const set = (key: string, value: unknown) => checkFieldWrite(server, key, value);
    expect(set('kind', 'party')).toMatchObject({ limit: 'value', path: 'events.*.kind' });
    expect(set('allDay', 'yes')).toMatchObject({ limit: 'value', path: 'events.*.allDay' });
    expect(set('start', '2'.repeat(33))).toMatchObject({ limit: 'value', path: 'events.*.start' });
    expect(set('location', 42)).toMatchObject({ limit: 'value', path: 'events.*.location' });
    expect(set('kind', 'rehearsal').status).toBe('accept');
  });

  it('allows keys from newer clients but caps each unknown value', () => {
    const { server } = pair(withEvent);
    const set = (key: string, value: unknown) => checkFieldWrite(server, key, value);
    expect(set('rigging', 'Second unit').status).toBe('accept');
    expect(set('constructor', { crewCall: '06:30' }).status).toBe('accept');
    expect(set('rigging', 'u'.repeat(DOCUMENT_LIMITS.unknownValueLength))).toEqual({
      status: 'refuse',
      limit: 'value',
      path: 'events.*.(unknown key)',
    });
    const cast = new Y.Array<string>();
    const update = updateOf(clientOf(server), (doc) => {
      eventsMap(doc).get('event-1')!.set('cast', cast);
      for (let i = 0; i < 300; i += 1) cast.push([`cast member ${i}`]);
    });
    expect(checkDocumentUpdate(server, update)).toMatchObject({ status: 'refuse', limit: 'value' });
  });

  it('refuses rewriting the name, a bad schema version and an unknown time zone', () => {
    const { server } = pair((doc) => initialiseMeta(doc, meta));
    const set = (key: string, value: unknown) =>
      checkDocumentUpdate(
        server,
        updateOf(clientOf(server), (doc) => metaMap(doc).set(key, value)),
      );
    expect(set('schemaVersion', 'evil')).toMatchObject({ limit: 'value' });
    expect(set('schemaVersion', CALENDAR_SCHEMA_VERSION + 1)).toMatchObject({ limit: 'value' });
    expect(set('schemaVersion', 1)).toMatchObject({ limit: 'rewrite', path: 'meta.schemaVersion' });
    expect(set('timezone', 'Mars/Olympus_Mons')).toMatchObject({ limit: 'value' });
    expect(set('name', 'Main\u0000unit')).toMatchObject({ limit: 'value', path: 'meta.name' });
    expect(set('name', ' Main unit ')).toMatchObject({ limit: 'value', path: 'meta.name' });
    expect(set('name', 'Renamed')).toEqual({
      status: 'refuse',
      limit: 'rewrite',
      path: 'meta.name',
    });
    expect(set('extra', 1)).toMatchObject({ limit: 'key', path: 'meta.(unknown key)' });
  });

  it('accepts a writer rewriting the time zone with another known zone, as it follows the API', () => {
    const { server } = pair((doc) => initialiseMeta(doc, meta));
    const update = updateOf(clientOf(server), (doc) => metaMap(doc).set('timezone', 'UTC'));
    expect(checkDocumentUpdate(server, update).status).toBe('accept');
  });

  it('refuses setting meta again after deleting it', () => {
    const { server, client } = pair((doc) => initialiseMeta(doc, meta));
    Y.applyUpdate(
      server,
      updateOf(client, (doc) => metaMap(doc).delete('name')),
    );
    const reset = updateOf(client, (doc) => metaMap(doc).set('name', 'Hijacked'));
    expect(checkDocumentUpdate(server, reset)).toMatchObject({ limit: 'rewrite' });
  });

  it('accepts two editors initialising meta at once with the same values', () => {
    const { server, client } = pair();
    const other = new Y.Doc();
    Y.applyUpdate(
      server,
      updateOf(other, (doc) => initialiseMeta(doc, meta)),
    );
    const late = updateOf(client, (doc) => initialiseMeta(doc, meta));
    expect(checkDocumentUpdate(server, late).status).toBe('accept');
  });

  it('refuses an event past the number of events and a key past the keys of an event', () => {
    const { server, client } = pair((doc) => {
      doc.transact(() => {
        for (let i = 0; i < DOCUMENT_LIMITS.events; i += 1) eventsMap(doc).set(`e${i}`, event({}));
      });
    });
    expect(
      checkDocumentUpdate(
        server,
        updateOf(client, (doc) => eventsMap(doc).get('e0')!.set('title', 'still fine')),
      ).status,
    ).toBe('accept');
    expect(
      checkDocumentUpdate(
        server,
        updateOf(clientOf(server), (doc) => createEvent(doc, shoot)),
      ),
    ).toEqual({ status: 'refuse', limit: 'entries', path: 'events' });
    const keys = updateOf(clientOf(server), (doc) => {
      const map = eventsMap(doc).get('e1')!;
      for (let i = 0; i <= DOCUMENT_LIMITS.eventKeys; i += 1) map.set(`k${i}`, i);
    });
    expect(checkDocumentUpdate(server, keys)).toEqual({
      status: 'refuse',
      limit: 'entries',
      path: 'events.*',
    });
  });

  it('refuses an update over its bytes and a document that would grow past its own', () => {
    const { server, client } = pair();
    const big = updateOf(client, (doc) => {
      for (let i = 0; i < 30; i += 1)
        createEvent(doc, { ...shoot, notes: 'n'.repeat(DOCUMENT_LIMITS.eventNotesLength) });
    });
    expect(checkDocumentUpdate(server, big)).toEqual({
      status: 'refuse',
      limit: 'updateBytes',
      path: 'update',
    });
    const small = updateOf(clientOf(server), (doc) => createEvent(doc, shoot));
    expect(
      checkDocumentUpdate(server, small, { documentBytes: DOCUMENT_LIMITS.documentBytes }),
    ).toEqual({ status: 'refuse', limit: 'documentBytes', path: 'document' });
  });

  it('always accepts an update that only deletes', () => {
    const { server, client } = pair(withEvent);
    const deletion = updateOf(client, (doc) => eventsMap(doc).delete('event-1'));
    expect(
      checkDocumentUpdate(server, deletion, { documentBytes: 10 * DOCUMENT_LIMITS.documentBytes }),
    ).toEqual({ status: 'accept', deletesOnly: true });
  });

  it('reports an update that builds on content it lacks as incomplete until that arrives', () => {
    const { server, client } = pair();
    const first = updateOf(client, (doc) => withEvent(doc));
    const second = updateOf(client, (doc) =>
      eventsMap(doc).get('event-1')!.set('title', 'Typed before the first arrived'),
    );
    expect(checkDocumentUpdate(server, second)).toEqual({ status: 'incomplete' });
    expect(checkDocumentUpdate(server, Y.mergeUpdates([first, second])).status).toBe('accept');
    const bad = updateOf(client, (doc) => eventsMap(doc).get('event-1')!.set('kind', 'party'));
    expect(checkDocumentUpdate(server, bad)).toEqual({ status: 'incomplete' });
    expect(checkDocumentUpdate(server, Y.mergeUpdates([first, second, bad]))).toMatchObject({
      status: 'refuse',
      limit: 'value',
    });
  });

  it('accepts an offline edit of an event another user deleted meanwhile', () => {
    const { server, client } = pair(withEvent);
    eventsMap(server).delete('event-1');
    const edit = updateOf(client, (doc) => eventsMap(doc).get('event-1')!.set('title', 'Late'));
    expect(checkDocumentUpdate(server, edit).status).toBe('accept');
  });
});

describe('checkDocumentUpdate, schema version 2', () => {
  /** A server holding one shoot day `day-1`, one cast member `cast-1` and one strip `strip-1`. */
  const schedule = () =>
    pair((doc) => {
      createShootDay(doc, { date: '2026-12-07' }, 'day-1');
      createCastMember(
        doc,
        { number: '1', name: 'Niamh Callaghan', character: 'Maggie' },
        'cast-1',
      );
      insertStrip(doc, { ...dinerScene, cast: ['cast-1'] }, { dayId: 'day-1' }, { id: 'strip-1' });
    });

  /** Checks a client's change against the server's copy. */
  const check = (server: Y.Doc, change: (doc: Y.Doc) => void) =>
    checkDocumentUpdate(server, updateOf(clientOf(server), change));

  const setStripKey = (server: Y.Doc, key: string, value: unknown) =>
    check(server, (doc) => stripsMap(doc).get('strip-1')!.set(key, value));

  it('accepts strips, banners, cast, shoot days and settings written by the domain', () => {
    const { server, client } = pair();
    const update = updateOf(client, (doc) => {
      migrateDocument(doc);
      createShootDay(doc, { date: '2026-12-07', unit: '2nd Unit', crewCall: '06:00' }, 'day-1');
      createCastMember(doc, { number: '12A', name: 'Ray Dunmore', character: 'Harker' }, 'c');
      insertStrip(doc, { ...dinerScene, cast: ['c'] }, { dayId: 'day-1' });
      insertStrip(doc, { kind: 'banner', text: 'Company move', estMinutes: 45 }, { dayId: '' });
      setPalettePreset(doc, 'ext-night-blue');
      setPaletteColour(doc, 'DAWN', '#ff80ab');
      setWorkingDays(doc, [0, 1, 2, 3, 4, 5]);
    });
    expect(checkDocumentUpdate(server, update)).toEqual({ status: 'accept', deletesOnly: false });
  });

  it('accepts moves, cast changes and typing in a strip’s text fields', () => {
    const { server } = schedule();
    expect(check(server, (doc) => moveStrips(doc, ['strip-1'], { dayId: '' })).status).toBe(
      'accept',
    );
    expect(check(server, (doc) => setStripCast(doc, 'strip-1', 'cast-2', true)).status).toBe(
      'accept',
    );
    const typed = check(server, (doc) => {
      const synopsis = convertText(stripsMap(doc).get('strip-1')!, 'synopsis');
      synopsis.insert(0, 'Late: ');
    });
    expect(typed.status).toBe('accept');
    expect(check(server, (doc) => deleteShootDay(doc, 'day-1')).status).toBe('accept');
  });

  it('refuses a forged strip field by field, naming the field', () => {
    const { server } = schedule();
    const L = DOCUMENT_LIMITS;
    const refusals: [string, unknown][] = [
      ['kind', 'poster'],
      ['intExt', 'OUTSIDE'],
      ['dayNight', 'NOON'],
      ['eighths', -1],
      ['eighths', 1.5],
      ['eighths', '8'],
      ['eighths', L.stripEighths + 1],
      ['estMinutes', L.stripMinutes + 1],
      ['scene', 's'.repeat(L.sceneLength + 1)],
      ['set', 's'.repeat(L.stripSetLength + 1)],
      ['synopsis', 's'.repeat(L.stripSynopsisLength + 1)],
      ['text', 't'.repeat(L.bannerTextLength + 1)],
      ['scriptPage', 'p'.repeat(L.scriptPageLength + 1)],
      ['dayId', 'd'.repeat(L.eventIdLength + 1)],
      ['order', 'not a key'],
      ['order', 'a00'],
      ['order', `a0${'V'.repeat(L.stripOrderLength)}`],
      ['cast', ['cast-1']],
    ];
    for (const [key, value] of refusals)
      expect({ key, value, check: setStripKey(server, key, value) }).toEqual({
        key,
        value,
        check: { status: 'refuse', limit: 'value', path: `strips.*.${key}` },
      });
    expect(setStripKey(server, 'eighths', L.stripEighths).status).toBe('accept');
    expect(setStripKey(server, 'intExt', '').status).toBe('accept');
  });

  it("refuses a strip's cast that is not a map of cast ids to true, or holds too many", () => {
    const { server } = schedule();
    const cast = (change: (cast: Y.Map<unknown>) => void) =>
      check(server, (doc) => change(stripsMap(doc).get('strip-1')!.get('cast') as Y.Map<unknown>));
    expect(cast((map) => map.set('cast-2', 'yes'))).toMatchObject({
      limit: 'value',
      path: 'strips.*.cast.*',
    });
    expect(
      cast((map) => map.set('c'.repeat(DOCUMENT_LIMITS.castIdLength + 1), true)),
    ).toMatchObject({ limit: 'key' });
    expect(
      cast((map) => {
        for (let i = 0; i < DOCUMENT_LIMITS.stripCast; i += 1) map.set(`extra-${i}`, true);
      }),
    ).toMatchObject({ limit: 'entries', path: 'strips.*.cast' });
    expect(setStripKey(server, 'cast', new Y.Array())).toMatchObject({ limit: 'value' });
    const whole = new Y.Text('cast');
    expect(setStripKey(server, 'cast', whole)).toMatchObject({ limit: 'value' });
  });

  it('refuses a strip that is not a Y.Map, an id over its length, and a strip past the count', () => {
    const { server } = pair((doc) =>
      doc.transact(() => {
        for (let i = 0; i < DOCUMENT_LIMITS.strips; i += 1)
          stripsMap(doc).set(`s${i}`, new Y.Map());
      }),
    );
    expect(check(server, (doc) => stripsMap(doc).set('x', 'strip' as never))).toEqual({
      status: 'refuse',
      limit: 'value',
      path: 'strips.*',
    });
    expect(
      check(server, (doc) =>
        stripsMap(doc).set('s'.repeat(DOCUMENT_LIMITS.stripIdLength + 1), new Y.Map()),
      ),
    ).toMatchObject({ limit: 'key', path: 'strips' });
    expect(check(server, (doc) => insertStrip(doc, dinerScene, { dayId: '' }))).toEqual({
      status: 'refuse',
      limit: 'entries',
      path: 'strips',
    });
  });

  it('refuses bad cast members, shoot-day fields and settings', () => {
    const { server } = schedule();
    const castKey = (key: string, value: unknown) =>
      check(server, (doc) => castMap(doc).get('cast-1')!.set(key, value));
    const dayKey = (key: string, value: unknown) =>
      check(server, (doc) => eventsMap(doc).get('day-1')!.set(key, value));
    const setting = (key: string, value: unknown) =>
      check(server, (doc) => settingsMap(doc).set(key, value));
    expect(castKey('number', '123456789')).toMatchObject({ path: 'cast.*.number' });
    expect(castKey('name', 7)).toMatchObject({ path: 'cast.*.name' });
    expect(dayKey('crewCall', '7am')).toMatchObject({ path: 'events.*.crewCall' });
    expect(dayKey('estWrap', '24:00')).toMatchObject({ path: 'events.*.estWrap' });
    expect(dayKey('unit', 'u'.repeat(DOCUMENT_LIMITS.unitLength + 1))).toMatchObject({
      path: 'events.*.unit',
    });
    expect(dayKey('estWrap', '').status).toBe('accept');
    expect(setting('palettePreset', 'neon')).toMatchObject({ path: 'settings.palettePreset' });
    expect(setting('palette.DAWN', 'pink')).toMatchObject({ path: 'settings.palette.DAWN' });
    expect(setting('workingDays', [7])).toMatchObject({ path: 'settings.workingDays' });
    expect(setting('workingDays', [2, 1])).toMatchObject({ path: 'settings.workingDays' });
    expect(setting('workingDays', '0-4')).toMatchObject({ path: 'settings.workingDays' });
    expect(setting('workingDays', [0, 2, 4]).status).toBe('accept');
    expect(setting('doodRules', { holdDays: 2 }).status).toBe('accept');
    expect(setting('doodRules', 'd'.repeat(DOCUMENT_LIMITS.unknownValueLength))).toMatchObject({
      path: 'settings.(unknown key)',
    });
  });

  it('accepts the whole demo schedule as one update', () => {
    const { server, client } = pair();
    const update = updateOf(client, (doc) =>
      createDemoSchedule(doc, { seed: 1, startDate: '2026-12-07' }),
    );
    expect(checkDocumentUpdate(server, update).status).toBe('accept');
  });
});
