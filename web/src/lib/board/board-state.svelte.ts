import {
  boardDaysById,
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

  constructor(doc: Y.Doc) {
    this.#doc = doc;
    const strips = readStrips(doc);
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
      const strips = readStrips(doc).map((strip) => this.#unchanged(strip));
      this.board = buildBoard(readShootDays(doc), strips);
      this.days = boardDaysById(this.board);
      this.strips = byId(strips);
      this.duplicates = duplicatesOf(strips);
    }
    if (touched(castMap(doc))) this.cast = readCast(doc);
    if (touched(settingsMap(doc))) this.settings = readSettings(doc);
  };

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
