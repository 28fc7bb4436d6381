import {
  createEvent,
  decodeTextRange,
  eventsMap,
  readEvents,
  type TextRange,
} from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TextFieldBinding, transformIndex, type TextFieldElement } from './text-field-binding';

const fields = {
  title: 'Sc. 4',
  kind: 'shoot' as const,
  start: '2026-12-01T08:00',
  end: '2026-12-01T18:00',
  allDay: false,
  location: '',
  notes: 'Base note.',
};

/** A textarea as the binding sees it: a value and a selection. */
class FakeField implements TextFieldElement {
  value = '';
  selectionStart: number | null = 0;
  selectionEnd: number | null = 0;
  selectionDirection: 'forward' | 'backward' | 'none' | null = 'none';
  setSelectionRange(
    start: number,
    end: number,
    direction: 'forward' | 'backward' | 'none' = 'none',
  ) {
    this.selectionStart = start;
    this.selectionEnd = end;
    this.selectionDirection = direction;
  }
  /** Types at the caret as a browser does, replacing any selection. */
  type(text: string) {
    const start = this.selectionStart ?? 0;
    const end = this.selectionEnd ?? start;
    this.value = this.value.slice(0, start) + text + this.value.slice(end);
    this.setSelectionRange(start + text.length, start + text.length);
  }
}

function connected(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== b) Y.applyUpdate(b, update, a);
  });
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== a) Y.applyUpdate(a, update, b);
  });
}

/** Two copies whose updates travel only when `deliver` is called, like a slow network. */
function delayed(a: Y.Doc, b: Y.Doc): () => void {
  const queues = new Map<Y.Doc, Uint8Array[]>([
    [a, []],
    [b, []],
  ]);
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    from.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'network') queues.get(to)!.push(update);
    });
  }
  return () => {
    for (const [doc, queue] of queues)
      for (const update of queue.splice(0)) Y.applyUpdate(doc, update, 'network');
  };
}

function bind(doc: Y.Doc, id: string, options: { editable?: boolean } = {}) {
  const element = new FakeField();
  const cursors: (TextRange | null)[] = [];
  const focus = { inPage: true };
  const binding = new TextFieldBinding({
    map: eventsMap(doc).get(id)!,
    field: 'notes',
    element,
    editable: options.editable ?? true,
    edit: (change) => doc.transact(change, 'local'),
    focused: () => focus.inPage,
    oncursor: (range) => cursors.push(range),
  });
  return { element, binding, cursors, focus };
}

const aliceTypes = ' 2AD: extras at 06:00.';
const bobTypes = ' Camera: rain cover.';

/**
 * Alice and Bob with the same event's notes focused, each caret at its end, on copies connected
 * directly or through a slow network; `deliver` passes what is in flight.
 */
function editorsAtTheEndOfNotes(network: 'direct' | 'late') {
  const a = new Y.Doc();
  const b = new Y.Doc();
  let deliver: () => void = () => undefined;
  if (network === 'late') deliver = delayed(a, b);
  else connected(a, b);
  const id = createEvent(a, fields);
  deliver();
  const alice = bind(a, id);
  const bob = bind(b, id);
  alice.binding.focus();
  deliver();
  bob.binding.focus();
  alice.element.setSelectionRange(10, 10);
  bob.element.setSelectionRange(10, 10);
  return { alice, bob, deliver };
}

/** Alice and Bob type their sentences key by key, in turn; `afterKey` runs after each pair. */
function typeAtOnce(
  alice: ReturnType<typeof bind>,
  bob: ReturnType<typeof bind>,
  afterKey: (key: number) => void = () => undefined,
) {
  for (let key = 0; key < Math.max(aliceTypes.length, bobTypes.length); key += 1) {
    for (const [side, sentence] of [
      [alice, aliceTypes],
      [bob, bobTypes],
    ] as const) {
      const char = sentence[key];
      if (!char) continue;
      side.element.type(char);
      side.binding.input();
    }
    afterKey(key);
  }
}

describe('transformIndex', () => {
  it('moves an index by what was inserted or deleted before it, not after', () => {
    expect(transformIndex(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
    expect(transformIndex(5, [{ retain: 7 }, { insert: 'abc' }])).toBe(5);
    expect(transformIndex(5, [{ retain: 1 }, { delete: 2 }])).toBe(3);
    expect(transformIndex(5, [{ retain: 3 }, { delete: 5 }])).toBe(3);
  });

  it('keeps an index before text inserted exactly there', () => {
    expect(transformIndex(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
  });
});

describe('TextFieldBinding', () => {
  it('shows the stored text, and a focus turns a string field into a Y.Text of the same text', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, fields);
    const { element, binding } = bind(doc, id);
    expect(element.value).toBe('Base note.');
    binding.focus();
    expect(eventsMap(doc).get(id)!.get('notes')).toBeInstanceOf(Y.Text);
    expect(element.value).toBe('Base note.');
  });

  it('writes each input as the smallest change, converting a string field with the first edit', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, fields);
    const { element, binding } = bind(doc, id);
    element.setSelectionRange(4, 4);
    element.type(' extra');
    binding.input();
    const notes = eventsMap(doc).get(id)!.get('notes') as Y.Text;
    expect(notes).toBeInstanceOf(Y.Text);
    expect(notes.toString()).toBe('Base extra note.');
    expect(readEvents(doc)[0]!.notes).toBe('Base extra note.');
  });

  it('keeps both sentences and each caret when two people type into one field at once', () => {
    const { alice, bob } = editorsAtTheEndOfNotes('direct');
    typeAtOnce(alice, bob);
    expect(alice.element.value).toBe(bob.element.value);
    expect(alice.element.value).toContain(`Base note.`);
    expect(alice.element.value).toContain(aliceTypes);
    expect(alice.element.value).toContain(bobTypes);
    const aliceEnd = alice.element.value.indexOf(aliceTypes) + aliceTypes.length;
    expect(alice.element.selectionEnd).toBe(aliceEnd);
    const bobEnd = bob.element.value.indexOf(bobTypes) + bobTypes.length;
    expect(bob.element.selectionEnd).toBe(bobEnd);
  });

  it('keeps both sentences whole when the two sides see each other’s keys late', () => {
    const { alice, bob, deliver } = editorsAtTheEndOfNotes('late');
    typeAtOnce(alice, bob, (key) => key % 3 === 2 && deliver());
    deliver();
    expect(alice.element.value).toBe(bob.element.value);
    expect(alice.element.value).toContain(aliceTypes);
    expect(alice.element.value).toContain(bobTypes);
  });

  it('keeps the caret on the same character when someone types before it', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    connected(a, b);
    const id = createEvent(a, fields);
    const alice = bind(a, id);
    const bob = bind(b, id);
    alice.binding.focus();
    alice.element.setSelectionRange(5, 9);
    (eventsMap(b).get(id)!.get('notes') as Y.Text).insert(0, 'Oh. ');
    expect(bob.element.value).toBe('Oh. Base note.');
    expect(alice.element.value).toBe('Oh. Base note.');
    expect([alice.element.selectionStart, alice.element.selectionEnd]).toEqual([9, 13]);
  });

  it('publishes the caret as positions others resolve in their copy, and clears it when focus leaves', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    connected(a, b);
    const id = createEvent(a, fields);
    const alice = bind(a, id);
    alice.binding.focus();
    alice.element.setSelectionRange(4, 4);
    alice.binding.selection();
    const range = alice.cursors.at(-1)!;
    const text = eventsMap(b).get(id)!.get('notes') as Y.Text;
    expect(decodeTextRange(text, range)).toEqual({ anchor: 4, head: 4 });
    text.insert(0, 'Note: ');
    expect(decodeTextRange(text, range)).toEqual({ anchor: 10, head: 10 });
    alice.focus.inPage = false;
    alice.binding.blur();
    expect(alice.cursors.at(-1)).toBeNull();
  });

  it('keeps the caret shown while another window has focus, and takes it away when the field goes', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, fields);
    const { binding, cursors } = bind(doc, id);
    binding.focus();
    // The window lost focus: the element is still the focused one of its page.
    binding.blur();
    expect(cursors.at(-1)).not.toBeNull();
    binding.destroy();
    expect(cursors.at(-1)).toBeNull();
    expect(cursors.filter((range) => range === null)).toHaveLength(1);
  });

  it('follows a field replaced by a string from an older client', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, fields);
    const { element, binding } = bind(doc, id);
    binding.focus();
    eventsMap(doc).get(id)!.set('notes', 'Rewritten elsewhere');
    expect(element.value).toBe('Rewritten elsewhere');
    element.setSelectionRange(19, 19);
    element.type('!');
    binding.input();
    expect(readEvents(doc)[0]!.notes).toBe('Rewritten elsewhere!');
    expect(eventsMap(doc).get(id)!.get('notes')).toBeInstanceOf(Y.Text);
  });

  it('writes nothing for a viewer', () => {
    const doc = new Y.Doc();
    const id = createEvent(doc, fields);
    const { element, binding, cursors } = bind(doc, id, { editable: false });
    binding.focus();
    element.type('x');
    binding.input();
    expect(eventsMap(doc).get(id)!.get('notes')).toBe('Base note.');
    expect(cursors).toEqual([]);
  });
});
