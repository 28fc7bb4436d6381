import { describe, expect, test } from 'vitest';
import { BOARD_KEYS, boardKeyAction, MOVE_ACTIONS } from './board-keys';

const press = (key: string, modifiers: { alt?: boolean; shift?: boolean; ctrl?: boolean } = {}) =>
  boardKeyAction({
    key,
    altKey: !!modifiers.alt,
    shiftKey: !!modifiers.shift,
    ctrlKey: !!modifiers.ctrl,
    metaKey: false,
  });

describe('the board’s keys', () => {
  test.each([
    ['ArrowDown', {}, 'focus-next'],
    ['ArrowUp', { shift: true }, 'extend-previous'],
    ['ArrowUp', { alt: true }, 'move-up'],
    ['ArrowDown', { alt: true }, 'move-down'],
    ['ArrowUp', { alt: true, shift: true }, 'move-previous-day'],
    ['ArrowDown', { alt: true, shift: true }, 'move-next-day'],
    [' ', {}, 'toggle-selection'],
    ['M', {}, 'move-to-day'],
    ['Enter', {}, 'open-editor'],
    ['Escape', {}, 'clear-selection'],
  ] as const)('%s with %o is %s', (key, modifiers, action) => {
    expect(press(key, modifiers)).toBe(action);
  });

  test('leave Ctrl and Cmd combinations (undo, the browser’s own) and other keys alone', () => {
    expect(press('z', { ctrl: true })).toBeNull();
    expect(press('ArrowDown', { ctrl: true })).toBeNull();
    expect(press('x')).toBeNull();
  });

  test('are each listed once for the page, and say which ones move strips', () => {
    const combos = BOARD_KEYS.map((each) => `${each.alt}-${each.shift}-${each.key}`);
    expect(new Set(combos).size).toBe(BOARD_KEYS.length);
    expect([...MOVE_ACTIONS].every((action) => BOARD_KEYS.some((k) => k.action === action))).toBe(
      true,
    );
    expect(MOVE_ACTIONS.has('focus-next')).toBe(false);
  });
});
