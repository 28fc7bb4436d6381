import { describe, expect, test } from 'vitest';
import { StripSelection } from './strip-selection.svelte';

const order = ['a', 'b', 'c', 'd', 'e'];
const selected = (selection: StripSelection) => [...selection.ids].sort();

describe('selecting strips', () => {
  test('a click selects one strip, Ctrl adds or removes one, Shift selects the run', () => {
    const selection = new StripSelection();
    selection.only('b');
    selection.toggle('d');
    expect(selected(selection)).toEqual(['b', 'd']);
    selection.toggle('b');
    expect(selected(selection)).toEqual(['d']);
    // The run starts where the last strip was picked on its own or toggled (b).
    selection.extendTo('e', order);
    expect(selected(selection)).toEqual(['b', 'c', 'd', 'e']);
    selection.extendTo('a', order);
    expect(selected(selection)).toEqual(['a', 'b']);
  });

  test('a Shift run with no start among the strips shown selects just that strip', () => {
    const selection = new StripSelection();
    selection.extendTo('c', order);
    expect(selected(selection)).toEqual(['c']);
    selection.only('gone');
    selection.extendTo('d', order);
    expect(selected(selection)).toEqual(['d']);
  });

  test('keeps only strips still shown, and clears', () => {
    const selection = new StripSelection();
    selection.only('a');
    selection.toggle('c');
    const before = selection.ids;
    selection.keep(new Set(order));
    expect(selection.ids).toBe(before);
    selection.keep(new Set(['c']));
    expect(selected(selection)).toEqual(['c']);
    selection.clear();
    expect(selection.size).toBe(0);
  });
});
