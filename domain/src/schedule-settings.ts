import * as Y from 'yjs';
import { z } from 'zod';
import { readEnumField } from './document-fields.js';
import { addDays, weekdayIndex } from './local-time.js';
import {
  DEFAULT_PALETTE_PRESET,
  HEX_COLOUR,
  HexColourSchema,
  PALETTE_PRESET_NAMES,
  PALETTE_PRESETS,
  PALETTE_SLOTS,
  type Palette,
  type PalettePresetName,
  type PaletteSlot,
} from './strip-palette.js';

/**
 * A schedule's rules (schema version 2, docs/document-schema.md "Settings"), edited live like
 * everything else: `settings` is one Y.Map of independent keys, so two people changing two
 * colours both keep theirs. Every key is optional; a missing one reads as its default, so no
 * one writes defaults (which could overwrite a real choice made offline). Keys this version
 * does not know (the day-out-of-days rules to come) are kept.
 */
export const SETTINGS_MAP = 'settings';

/** One key per colour (`palette.INT NIGHT`), not a nested map: the first two edits both land. */
export const PALETTE_KEY_PREFIX = 'palette.';

export function paletteKey(slot: PaletteSlot): string {
  return `${PALETTE_KEY_PREFIX}${slot}`;
}

/** Days of the week shooting may fall on, Monday = 0 (as `weekdayIndex`), ascending. */
export const WorkingDaysSchema = z
  .array(z.number().int().min(0).max(6))
  .min(1)
  .max(7)
  .refine((days) => days.every((day, i) => i === 0 || day > days[i - 1]!), 'ascending, once each');

export const DEFAULT_WORKING_DAYS: readonly number[] = [0, 1, 2, 3, 4];

/** The first `count` dates from `from` (included) that fall on a working day. */
export function workingDates(
  from: string,
  count: number,
  workingDays: readonly number[] = DEFAULT_WORKING_DAYS,
): string[] {
  const week = new Set(WorkingDaysSchema.parse(workingDays));
  const dates: string[] = [];
  for (let date = from; dates.length < count; date = addDays(date, 1))
    if (week.has(weekdayIndex(date))) dates.push(date);
  return dates;
}

export interface ScheduleSettings {
  palettePreset: PalettePresetName;
  /** The preset's colours with the schedule's own changes over them. */
  palette: Palette;
  /** The colours changed from the preset. */
  paletteChanges: Partial<Record<PaletteSlot, string>>;
  workingDays: readonly number[];
}

export function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SETTINGS_MAP);
}

export function readSettings(doc: Y.Doc): ScheduleSettings {
  const map = settingsMap(doc);
  const palettePreset = readEnumField(
    map,
    'palettePreset',
    PALETTE_PRESET_NAMES,
    DEFAULT_PALETTE_PRESET,
  );
  const paletteChanges: Partial<Record<PaletteSlot, string>> = {};
  for (const slot of PALETTE_SLOTS) {
    const colour = map.get(paletteKey(slot));
    if (typeof colour === 'string' && HEX_COLOUR.test(colour)) paletteChanges[slot] = colour;
  }
  const workingDays = WorkingDaysSchema.safeParse(map.get('workingDays'));
  return {
    palettePreset,
    palette: { ...PALETTE_PRESETS[palettePreset].colours, ...paletteChanges },
    paletteChanges,
    workingDays: workingDays.success ? workingDays.data : DEFAULT_WORKING_DAYS,
  };
}

/** Switches to a preset and drops the colours changed from the old one, in one transaction. */
export function setPalettePreset(doc: Y.Doc, preset: PalettePresetName): void {
  z.enum(PALETTE_PRESET_NAMES).parse(preset);
  const map = settingsMap(doc);
  doc.transact(() => {
    if (map.get('palettePreset') !== preset) map.set('palettePreset', preset);
    for (const slot of PALETTE_SLOTS) if (map.has(paletteKey(slot))) map.delete(paletteKey(slot));
  });
}

/** Changes one slot's colour (`#rrggbb`), or with null goes back to the preset's. */
export function setPaletteColour(doc: Y.Doc, slot: PaletteSlot, colour: string | null): void {
  const map = settingsMap(doc);
  const key = paletteKey(slot);
  if (colour === null) {
    if (map.has(key)) doc.transact(() => map.delete(key));
    return;
  }
  HexColourSchema.parse(colour);
  if (map.get(key) !== colour) doc.transact(() => map.set(key, colour));
}

export function setWorkingDays(doc: Y.Doc, days: readonly number[]): void {
  const valid = WorkingDaysSchema.parse(days);
  doc.transact(() => settingsMap(doc).set('workingDays', valid));
}
