/**
 * The stripboard's keys, declared once: the board's key handler reads them and the page lists
 * them for its users. Moves act on the selected strips, or on the focused one when none is.
 */
export type BoardKeyAction =
  | 'focus-previous'
  | 'focus-next'
  | 'focus-first'
  | 'focus-last'
  | 'extend-previous'
  | 'extend-next'
  | 'toggle-selection'
  | 'clear-selection'
  | 'move-up'
  | 'move-down'
  | 'move-previous-day'
  | 'move-next-day'
  | 'move-to-day'
  | 'open-editor';

/** Whether the action writes to the document (viewers get none of these). */
export const MOVE_ACTIONS: ReadonlySet<BoardKeyAction> = new Set([
  'move-up',
  'move-down',
  'move-previous-day',
  'move-next-day',
  'move-to-day',
]);

interface KeyBinding {
  action: BoardKeyAction;
  /** The key as `KeyboardEvent.key` names it. */
  key: string;
  alt?: boolean;
  shift?: boolean;
  /** How the page writes the keys. */
  keys: string;
  does: string;
}

export const BOARD_KEYS: readonly KeyBinding[] = [
  { action: 'focus-previous', key: 'ArrowUp', keys: '↑', does: 'Previous strip' },
  { action: 'focus-next', key: 'ArrowDown', keys: '↓', does: 'Next strip' },
  { action: 'focus-first', key: 'Home', keys: 'Home', does: 'First strip of the list' },
  { action: 'focus-last', key: 'End', keys: 'End', does: 'Last strip of the list' },
  { action: 'toggle-selection', key: ' ', keys: 'Space', does: 'Select or unselect the strip' },
  {
    action: 'extend-previous',
    key: 'ArrowUp',
    shift: true,
    keys: 'Shift+↑',
    does: 'Select the previous strip too',
  },
  {
    action: 'extend-next',
    key: 'ArrowDown',
    shift: true,
    keys: 'Shift+↓',
    does: 'Select the next strip too',
  },
  { action: 'clear-selection', key: 'Escape', keys: 'Esc', does: 'Unselect all' },
  { action: 'move-up', key: 'ArrowUp', alt: true, keys: 'Alt+↑', does: 'Move up one place' },
  {
    action: 'move-down',
    key: 'ArrowDown',
    alt: true,
    keys: 'Alt+↓',
    does: 'Move down one place',
  },
  {
    action: 'move-previous-day',
    key: 'ArrowUp',
    alt: true,
    shift: true,
    keys: 'Alt+Shift+↑',
    does: 'Move to the end of the previous day',
  },
  {
    action: 'move-next-day',
    key: 'ArrowDown',
    alt: true,
    shift: true,
    keys: 'Alt+Shift+↓',
    does: 'Move to the start of the next day (the pool comes after the last day)',
  },
  { action: 'move-to-day', key: 'm', keys: 'M', does: 'Move to a day…' },
  { action: 'open-editor', key: 'Enter', keys: 'Enter', does: 'Open the strip editor' },
];

/** The action of a key press on a strip, or null for a key the board leaves alone. */
export function boardKeyAction(event: {
  key: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}): BoardKeyAction | null {
  if (event.ctrlKey || event.metaKey) return null;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  const binding = BOARD_KEYS.find(
    (each) => each.key === key && !!each.alt === event.altKey && !!each.shift === event.shiftKey,
  );
  return binding?.action ?? null;
}
