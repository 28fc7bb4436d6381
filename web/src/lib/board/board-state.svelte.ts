import {
  buildBoard,
  castMap,
  duplicateSceneNumbers,
  eventsMap,
  readCast,
  readSettings,
  readShootDays,
  readStrips,
  settingsMap,
  stripsMap,
  type Board,
  type CastMember,
  type ScheduleSettings,
  type Strip,
} from '@callboard/domain';
import type * as Y from 'yjs';

type Part = 'board' | 'cast' | 'settings';

/**
 * The stripboard of one open document, derived once per change: whatever touches strips or
 * days (a local move, a remote update, an undo) rebuilds the board once, after the changes of
 * the same moment have all arrived, and components render from it.
 */
export class BoardState {
  board: Board;
  cast: CastMember[];
  settings: ScheduleSettings;
  /** Every strip by id. */
  strips: ReadonlyMap<string, Strip>;
  /** Strips whose scene number another scene also carries, with that number. */
  duplicates: ReadonlyMap<string, string>;

  readonly #doc: Y.Doc;
  readonly #dirty = new Set<Part>();
  #scheduled = false;
  readonly #cleanups: (() => void)[] = [];

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    const strips = readStrips(doc);
    this.board = $state.raw(buildBoard(readShootDays(doc), strips));
    this.strips = $state.raw(byId(strips));
    this.duplicates = $state.raw(duplicatesOf(strips));
    this.cast = $state.raw(readCast(doc));
    this.settings = $state.raw(readSettings(doc));
    this.#watch(stripsMap(doc), 'board');
    this.#watch(eventsMap(doc), 'board');
    this.#watch(castMap(doc), 'cast');
    this.#watch(settingsMap(doc), 'settings');
  }

  #watch<T>(type: Y.Map<T>, part: Part): void {
    const changed = () => {
      this.#dirty.add(part);
      this.#schedule();
    };
    type.observeDeep(changed);
    this.#cleanups.push(() => type.unobserveDeep(changed));
  }

  /** One rebuild for the strips, days and cast that one update changes together. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.#cleanups.length) this.#refresh();
    });
  }

  #refresh(): void {
    const doc = this.#doc;
    if (this.#dirty.has('board')) {
      const strips = readStrips(doc).map((strip) => this.#unchanged(strip));
      this.board = buildBoard(readShootDays(doc), strips);
      this.strips = byId(strips);
      this.duplicates = duplicatesOf(strips);
    }
    if (this.#dirty.has('cast')) this.cast = readCast(doc);
    if (this.#dirty.has('settings')) this.settings = readSettings(doc);
    this.#dirty.clear();
  }

  /**
   * The strip object of the last rebuild when nothing of it changed, so the board's rows for
   * strips a move did not touch are the same objects and render nothing new.
   */
  #unchanged(strip: Strip): Strip {
    const before = this.strips.get(strip.id);
    if (!before) return strip;
    for (const key of Object.keys(strip) as (keyof Strip)[]) {
      const [a, b] = [before[key], strip[key]];
      if (Array.isArray(a) && Array.isArray(b)) {
        if (a.length !== b.length || a.some((value, i) => value !== b[i])) return strip;
      } else if (a !== b) return strip;
    }
    return before;
  }

  /** Rebuilds now what changed, so a move this tab just made can be described and focused. */
  flush(): void {
    if (this.#dirty.size) this.#refresh();
  }

  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}

function byId(strips: readonly Strip[]): Map<string, Strip> {
  return new Map(strips.map((strip) => [strip.id, strip]));
}

function duplicatesOf(strips: readonly Strip[]): Map<string, string> {
  return new Map(
    duplicateSceneNumbers(strips).flatMap(({ scene, stripIds }) =>
      stripIds.map((id) => [id, scene] as const),
    ),
  );
}
