import {
  boardDaysById,
  buildBoard,
  castMap,
  compareCodeUnits,
  duplicateSceneNumbers,
  eventsMap,
  readCast,
  readEntries,
  readSettings,
  readShootDays,
  readStrip,
  settingsMap,
  stripsMap,
  type Board,
  type BoardDay,
  type CastMember,
  type ScheduleSettings,
  type Strip,
} from '@callboard/domain';
import type * as Y from 'yjs';

/**
 * The stripboard of one open document, derived once per transaction that touches it: a local
 * move, a remote update (one transaction however many strips and days it changes), an undo.
 * The calendar views read its shoot days and the board page renders it.
 */
export class BoardState {
  board: Board;
  /** Every shoot day by its event id, with its number in its unit and its totals. */
  days: Map<string, BoardDay>;
  /** Every strip by id. */
  strips: ReadonlyMap<string, Strip>;
  /** Strips whose scene number another scene also carries, with that number. */
  duplicates: ReadonlyMap<string, string>;
  cast: CastMember[];
  settings: ScheduleSettings;

  readonly #doc: Y.Doc;
  /** The strip last read from each strip's map, for maps a transaction leaves alone. */
  readonly #read = new WeakMap<Y.Map<unknown>, Strip>();

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    const strips = this.#readStrips(new Map());
    this.board = $state.raw(buildBoard(readShootDays(doc), strips));
    this.days = $state.raw(boardDaysById(this.board));
    this.strips = $state.raw(byId(strips));
    this.duplicates = $state.raw(duplicatesOf(strips));
    this.cast = $state.raw(readCast(doc));
    this.settings = $state.raw(readSettings(doc));
    doc.on('afterTransaction', this.#changed);
  }

  readonly #changed = (transaction: Y.Transaction) => {
    const doc = this.#doc;
    // The types a transaction changed, with every type above them: one look per root map.
    const changed: ReadonlyMap<unknown, unknown> = transaction.changedParentTypes;
    const touched = (type: object) => changed.has(type);
    if (touched(stripsMap(doc)) || touched(eventsMap(doc))) {
      const strips = this.#readStrips(changed);
      const board = this.#unchangedLists(buildBoard(readShootDays(doc), strips));
      if (board !== this.board) {
        this.board = board;
        this.days = boardDaysById(board);
      }
      if (!sameValues(strips, [...this.strips.values()])) this.strips = byId(strips);
      const duplicates = duplicatesOf(strips);
      if (!sameValues([...duplicates].flat(), [...this.duplicates].flat()))
        this.duplicates = duplicates;
    }
    if (touched(castMap(doc))) this.cast = readCast(doc);
    if (touched(settingsMap(doc))) this.settings = readSettings(doc);
  };

  /**
   * Every strip, in id order as `readStrips` gives them. Only the maps `changed` holds are read
   * again (a move touches one or a few of 500), and a strip whose fields all stay is the
   * object of the last read, so the board's rows for strips a change did not touch are the
   * same objects and render nothing new.
   */
  #readStrips(changed: ReadonlyMap<unknown, unknown>): Strip[] {
    return readEntries(stripsMap(this.#doc), (id, map) => {
      const before = this.#read.get(map);
      if (before && !changed.has(map)) return before;
      const strip = readStrip(id, map);
      const kept = before && sameValues(before, strip) ? before : strip;
      this.#read.set(map, kept);
      return kept;
    }).sort((a, b) => compareCodeUnits(a.id, b.id));
  }

  /**
   * The board with each unit, day and the pool that shows what it showed before kept as the
   * object it was (the last board itself when nothing changed): a move between two days
   * re-renders those two, not the 60.
   */
  #unchangedLists(board: Board): Board {
    const last = this.board;
    const keep = <T extends object>(before: T | undefined, after: T) =>
      before && sameValues(before, after) ? before : after;
    const lastUnits = new Map(last.units.map((unit) => [unit.unit, unit]));
    const next: Board = {
      units: board.units.map((unit) =>
        keep(lastUnits.get(unit.unit), {
          ...unit,
          days: unit.days.map((day) => keep(this.days.get(day.id), day)),
        }),
      ),
      pool: keep(last.pool, board.pool),
    };
    return keep(last, next);
  }

  destroy(): void {
    this.#doc.off('afterTransaction', this.#changed);
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

/**
 * Whether two values read from the document are the same: equal primitives or the same
 * object, arrays of the same items, or records whose fields are the same in this sense.
 */
function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((value, i) => value === b[i]);
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  return keys.every((key) => sameValues(x[key], y[key]));
}
