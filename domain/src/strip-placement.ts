import type * as Y from 'yjs';
import { eventsMap } from './calendar-document.js';
import { orderKeysBetween, renumberedOrderKeys } from './order-key.js';
import {
  createStrip,
  newStripId,
  POOL_DAY_ID,
  stripsMap,
  type StripFields,
  type StripPlacement,
} from './strip-document.js';
import { readBoard, stripsAt, type Board } from './stripboard.js';

/**
 * Moving strips between shoot days and the pool (docs/document-schema.md "Placement"). A
 * strip's place is two keys of its own map, `dayId` and `order`, never a list of ids: two
 * people moving one strip to two days at once each set both keys, the document keeps one
 * writer's pair, and the strip is in exactly one place on every client. Each call is one
 * transaction, so a move of many strips is one undo step.
 */

/** Where strips go: a shoot day's id (or `POOL_DAY_ID`) and an index there. */
export interface StripTarget {
  dayId: string;
  /**
   * Where the first strip lands among the strips staying there (the position in the list
   * after the move); the end when omitted, clamped to the list.
   */
  index?: number;
}

export interface PlacementOptions {
  /** The source of the order keys' jitter; tests pass a seeded one (seeded-random.ts). */
  random?: () => number;
}

/**
 * New placements that put `ids`, in this order, at `target`: keys between the neighbours, or,
 * when the neighbours tie or hold keys that cannot be built on, fresh keys for the whole list
 * (which renumbers strips others may be moving: each still ends in one place). Undefined when
 * the target is not a shoot day or the pool.
 */
function placementsAt(
  board: Board,
  ids: readonly string[],
  target: StripTarget,
  random: (() => number) | undefined,
): Map<string, StripPlacement> | undefined {
  const list = stripsAt(board, target.dayId);
  if (!list) return undefined;
  const moving = new Set(ids);
  const staying = list.filter((strip) => !moving.has(strip.id)).map((strip) => strip.id);
  const orders = new Map(list.map((strip) => [strip.id, strip.order]));
  const at = Math.max(0, Math.min(target.index ?? staying.length, staying.length));
  const before = at > 0 ? orders.get(staying[at - 1]!)! : null;
  const after = at < staying.length ? orders.get(staying[at]!)! : null;
  const keys = orderKeysBetween(before, after, ids.length, random);
  const placed = keys ? ids : [...staying.slice(0, at), ...ids, ...staying.slice(at)];
  const orderKeys = keys ?? renumberedOrderKeys(placed.length);
  return new Map(placed.map((id, i) => [id, { dayId: target.dayId, order: orderKeys[i]! }]));
}

/** Writes placements, touching only the keys that change; call inside a transaction. */
export function writePlacements(doc: Y.Doc, placements: ReadonlyMap<string, StripPlacement>): void {
  const strips = stripsMap(doc);
  for (const [id, placement] of placements) {
    const map = strips.get(id);
    if (!map) continue;
    if (map.get('dayId') !== placement.dayId) map.set('dayId', placement.dayId);
    if (map.get('order') !== placement.order) map.set('order', placement.order);
  }
}

/**
 * Moves strips (one or several, from anywhere) to a day or the pool, in the order given, in
 * one transaction. Ids of strips that no longer exist are skipped. False when the target day
 * does not exist (another user may have deleted it) or no strip is left to move.
 */
export function moveStrips(
  doc: Y.Doc,
  ids: readonly string[],
  target: StripTarget,
  options: PlacementOptions = {},
): boolean {
  const strips = stripsMap(doc);
  const moving = [...new Set(ids)].filter((id) => strips.has(id));
  if (moving.length === 0) return false;
  const placements = placementsAt(readBoard(doc), moving, target, options.random);
  if (!placements) return false;
  doc.transact(() => writePlacements(doc, placements));
  return true;
}

/**
 * Adds a strip at a day or the pool in one transaction and returns its id; throws a ZodError
 * for invalid fields; undefined when the target day does not exist.
 */
export function insertStrip(
  doc: Y.Doc,
  fields: Partial<StripFields>,
  target: StripTarget,
  options: PlacementOptions & { id?: string } = {},
): string | undefined {
  const id = options.id ?? newStripId();
  const placements = placementsAt(readBoard(doc), [id], target, options.random);
  if (!placements) return undefined;
  doc.transact(() => {
    createStrip(doc, fields, placements.get(id)!, id);
    placements.delete(id);
    writePlacements(doc, placements);
  });
  return id;
}

/**
 * Deletes a shoot day and moves its strips to the end of the pool, keeping their order, in
 * one transaction. A strip someone moves onto the day at the same moment keeps the deleted
 * day's id and shows in the pool all the same.
 */
export function deleteShootDay(doc: Y.Doc, dayId: string, options: PlacementOptions = {}): void {
  if (dayId === POOL_DAY_ID) return;
  const board = readBoard(doc);
  const onDay = (stripsAt(board, dayId) ?? []).map((strip) => strip.id);
  const placements = onDay.length
    ? placementsAt(board, onDay, { dayId: POOL_DAY_ID }, options.random)
    : undefined;
  doc.transact(() => {
    if (eventsMap(doc).has(dayId)) eventsMap(doc).delete(dayId);
    if (placements) writePlacements(doc, placements);
  });
}
