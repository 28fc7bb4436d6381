import {
  applyTextSplice,
  convertText,
  encodeTextRange,
  readText,
  textOf,
  textSplice,
  type TextRange,
} from '@callboard/domain';
import type * as Y from 'yjs';

/** What the binding uses of an input or a textarea; a plain object stands in for one in tests. */
export interface TextFieldElement {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  selectionDirection: 'forward' | 'backward' | 'none' | null;
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
}

/** A change to a text as Yjs reports it: keep, insert or delete, in order from the start. */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where an index of a text lands after a change made by someone else. An insert exactly at
 * the index goes after it, so two people typing at one place each keep their own run of
 * characters instead of interleaving them.
 */
export function transformIndex(index: number, delta: TextDelta): number {
  let position = 0;
  let result = index;
  for (const op of delta) {
    if (position > index) break;
    if (op.retain !== undefined) position += op.retain;
    else if (op.delete !== undefined) {
      if (position < index) result -= Math.min(op.delete, index - position);
      position += op.delete;
    } else if (typeof op.insert === 'string' && position < index) result += op.insert.length;
  }
  return result;
}

export interface TextFieldBindingOptions {
  /** The map of the event or strip in the document. */
  map: Y.Map<unknown>;
  /** One of its text fields (`EVENT_TEXT_FIELDS`, `STRIP_TEXT_FIELDS`). */
  field: string;
  element: TextFieldElement;
  /** False for a viewer: the binding only shows the text. */
  editable: boolean;
  /** Runs a change as this user's edit (an undo step). */
  edit(change: () => void): void;
  /**
   * Whether the element has focus now: only then is the caret kept and published. By default,
   * whether it is the document's active element.
   */
  focused?(): boolean;
  /**
   * Called with this user's caret as relative positions, or null when the field loses focus;
   * by default the caret is not published.
   */
  oncursor?(range: TextRange | null): void;
}

/**
 * Binds an input or a textarea to a text field of an event or a strip. Each input becomes the smallest
 * insert and delete on the field's Y.Text (a string field becomes a Y.Text on focus, or with
 * the first edit), others' changes are applied to the element with the caret kept in place,
 * and the caret is published as relative positions for others to show.
 */
export class TextFieldBinding {
  readonly #options: Required<TextFieldBindingOptions>;
  #text: Y.Text | null = null;
  /** True while this binding writes, so its own change is not applied back to the element. */
  #writing = false;
  /** True while others are shown this user's caret. */
  #published = false;

  readonly #onText = (event: Y.YTextEvent) => {
    if (!this.#writing) this.#show(event.delta as TextDelta);
  };

  readonly #onMap = (event: Y.YMapEvent<unknown>) => {
    if (!event.keysChanged.has(this.#options.field)) return;
    this.#bindText();
    if (this.#writing) return;
    // The field was replaced (converted, or written as a string by an older client).
    const before = this.#options.element.value;
    const splice = textSplice(before, this.#stored());
    if (splice)
      this.#show([{ retain: splice.index }, { delete: splice.remove }, { insert: splice.insert }]);
  };

  constructor(options: TextFieldBindingOptions) {
    this.#options = {
      focused: () => globalThis.document?.activeElement === (options.element as unknown),
      oncursor: () => {},
      ...options,
    };
    options.map.observe(this.#onMap);
    this.#bindText();
    options.element.value = this.#stored();
  }

  /** Call when the element gains focus: a string field becomes a Y.Text before the first key. */
  focus(): void {
    const { editable, map, field } = this.#options;
    if (editable && !this.#text && map.doc) convertText(map, field);
    this.selection();
  }

  /** Call on every input event of the element. */
  input(): void {
    const { editable, element, map, field } = this.#options;
    if (!editable) return;
    const value = element.value;
    const caret = element.selectionEnd ?? value.length;
    this.#writing = true;
    try {
      this.#options.edit(() => {
        const text = this.#text ?? convertText(map, field);
        const splice = textSplice(text.toString(), value, caret);
        if (splice) applyTextSplice(text, splice);
      });
    } finally {
      this.#writing = false;
    }
    this.selection();
  }

  /** Call when the caret or selection may have moved (keys, pointer, select). */
  selection(): void {
    const { element, editable } = this.#options;
    if (!editable || !this.#text || !this.#options.focused()) return;
    const start = element.selectionStart ?? 0;
    const end = element.selectionEnd ?? start;
    const backward = element.selectionDirection === 'backward';
    this.#published = true;
    this.#options.oncursor(
      encodeTextRange(this.#text, backward ? end : start, backward ? start : end),
    );
  }

  /**
   * Call when the element loses focus. Another window taking focus leaves the element focused
   * in its page, and the caret stays where others see it.
   */
  blur(): void {
    if (!this.#options.focused()) this.#unpublish();
  }

  /** Stops following the field; others stop seeing this user's caret in it. */
  destroy(): void {
    this.#unpublish();
    this.#text?.unobserve(this.#onText);
    this.#options.map.unobserve(this.#onMap);
  }

  #unpublish(): void {
    if (!this.#published) return;
    this.#published = false;
    this.#options.oncursor(null);
  }

  #stored(): string {
    return readText(this.#options.map.get(this.#options.field));
  }

  #bindText(): void {
    const text = textOf(this.#options.map, this.#options.field);
    if (text === this.#text) return;
    this.#text?.unobserve(this.#onText);
    this.#text = text;
    text?.observe(this.#onText);
  }

  /** Shows a change made elsewhere, moving the caret and selection with the text around them. */
  #show(delta: TextDelta): void {
    const { element } = this.#options;
    const focused = this.#options.focused();
    const start = element.selectionStart ?? 0;
    const end = element.selectionEnd ?? start;
    const direction = element.selectionDirection ?? 'none';
    element.value = this.#stored();
    if (focused)
      element.setSelectionRange(
        transformIndex(start, delta),
        transformIndex(end, delta),
        direction,
      );
    this.selection();
  }
}
