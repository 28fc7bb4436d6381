import { compareCodeUnits } from './document-fields.js';
import type { ScheduleDocument } from './schedule-document.js';
import { buildBoard, boardDays } from './stripboard.js';

/** Where a strip stands on a board: a shoot day with its number in its unit, or the pool. */
export interface StripPlace {
  dayId: string;
  /** Null for the unscheduled pool. */
  day: { number: number; unit: string; date: string } | null;
}

export interface ScheduleDiff {
  strips: {
    added: { id: string; scene: string; to: StripPlace }[];
    removed: { id: string; scene: string; from: StripPlace }[];
    /** Strips that changed day (or went to or from the pool). */
    moved: { id: string; scene: string; from: StripPlace; to: StripPlace }[];
  };
  shootDays: {
    added: { id: string; date: string; unit: string }[];
    removed: { id: string; date: string; unit: string }[];
    redated: { id: string; unit: string; from: string; to: string }[];
  };
  cast: {
    added: { id: string; number: string; name: string }[];
    removed: { id: string; number: string; name: string }[];
    changed: { id: string; number: string; name: string }[];
  };
}

function placesOf(document: ScheduleDocument): Map<string, StripPlace> {
  const board = buildBoard(document.shootDays, document.strips);
  const places = new Map<string, StripPlace>();
  for (const day of boardDays(board)) {
    for (const strip of day.strips) {
      places.set(strip.id, {
        dayId: day.id,
        day: { number: day.number, unit: day.unit, date: day.date },
      });
    }
  }
  for (const strip of board.pool.strips) places.set(strip.id, { dayId: '', day: null });
  return places;
}

const byId = <T extends { id: string }>(items: readonly T[]) =>
  new Map(items.map((item) => [item.id, item]));
const sorted = <T extends { id: string }>(items: T[]) =>
  items.sort((a, b) => compareCodeUnits(a.id, b.id));

/**
 * What changed from one version of a schedule to another, as a 1st AD reads a revision:
 * strips added, removed and moved between days (with day numbers on each side), shoot days
 * added, removed or re-dated, cast added, removed or changed.
 */
export function diffSchedules(from: ScheduleDocument, to: ScheduleDocument): ScheduleDiff {
  const [fromPlaces, toPlaces] = [placesOf(from), placesOf(to)];
  const [fromStrips, toStrips] = [byId(from.strips), byId(to.strips)];
  const diff: ScheduleDiff = {
    strips: { added: [], removed: [], moved: [] },
    shootDays: { added: [], removed: [], redated: [] },
    cast: { added: [], removed: [], changed: [] },
  };
  for (const strip of to.strips) {
    if (!fromStrips.has(strip.id)) {
      diff.strips.added.push({ id: strip.id, scene: strip.scene, to: toPlaces.get(strip.id)! });
      continue;
    }
    const [was, now] = [fromPlaces.get(strip.id)!, toPlaces.get(strip.id)!];
    if (was.dayId !== now.dayId)
      diff.strips.moved.push({ id: strip.id, scene: strip.scene, from: was, to: now });
  }
  for (const strip of from.strips) {
    if (!toStrips.has(strip.id))
      diff.strips.removed.push({
        id: strip.id,
        scene: strip.scene,
        from: fromPlaces.get(strip.id)!,
      });
  }

  const fromDays = byId(from.shootDays);
  const toDays = byId(to.shootDays);
  for (const day of to.shootDays) {
    const was = fromDays.get(day.id);
    if (!was) diff.shootDays.added.push({ id: day.id, date: day.date, unit: day.unit });
    else if (was.date !== day.date)
      diff.shootDays.redated.push({ id: day.id, unit: day.unit, from: was.date, to: day.date });
  }
  for (const day of from.shootDays) {
    if (!toDays.has(day.id))
      diff.shootDays.removed.push({ id: day.id, date: day.date, unit: day.unit });
  }

  const fromCast = byId(from.cast);
  const toCast = byId(to.cast);
  const member = (c: { id: string; number: string; name: string }) => ({
    id: c.id,
    number: c.number,
    name: c.name,
  });
  for (const cast of to.cast) {
    const was = fromCast.get(cast.id);
    if (!was) diff.cast.added.push(member(cast));
    else if (
      was.number !== cast.number ||
      was.name !== cast.name ||
      was.character !== cast.character
    )
      diff.cast.changed.push(member(cast));
  }
  for (const cast of from.cast) if (!toCast.has(cast.id)) diff.cast.removed.push(member(cast));

  sorted(diff.strips.added);
  sorted(diff.strips.removed);
  sorted(diff.strips.moved);
  return diff;
}
