import { z } from 'zod';
import type { Strip } from './strip-document.js';

/**
 * Strip colours by INT/EXT and DAY/NIGHT. Sources disagree on the night colours, so a schedule
 * picks one of two named presets and may change any colour (schedule-settings.ts). Colour is
 * never the only cue: the strip also prints its INT/EXT and DAY/NIGHT words.
 */
export const PALETTE_SLOTS = [
  'INT DAY',
  'EXT DAY',
  'INT NIGHT',
  'EXT NIGHT',
  'DAWN',
  'DUSK',
  'BANNER',
] as const;
export type PaletteSlot = (typeof PALETTE_SLOTS)[number];

/** A background colour for each slot, `#rrggbb`. */
export type Palette = Readonly<Record<PaletteSlot, string>>;

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;
export const HexColourSchema = z.string().regex(HEX_COLOUR);

export const PALETTE_PRESET_NAMES = ['int-night-blue', 'ext-night-blue'] as const;
export type PalettePresetName = (typeof PALETTE_PRESET_NAMES)[number];

const BLUE = '#64b5f6';
const GREEN = '#81c784';
const SHARED = {
  'INT DAY': '#ffffff',
  'EXT DAY': '#fff176',
  DAWN: '#f8bbd0',
  DUSK: '#ffb74d',
  BANNER: '#37474f',
} as const;

export const PALETTE_PRESETS: Readonly<
  Record<PalettePresetName, { label: string; colours: Palette }>
> = {
  'int-night-blue': {
    label: 'INT NIGHT blue, EXT NIGHT green',
    colours: { ...SHARED, 'INT NIGHT': BLUE, 'EXT NIGHT': GREEN },
  },
  'ext-night-blue': {
    label: 'EXT NIGHT blue, INT NIGHT green',
    colours: { ...SHARED, 'INT NIGHT': GREEN, 'EXT NIGHT': BLUE },
  },
};

export const DEFAULT_PALETTE_PRESET: PalettePresetName = 'int-night-blue';

/**
 * The slot a strip is coloured by. MORNING is lit as DAY and EVENING as DUSK; INT/EXT as EXT,
 * since the exterior's light is what constrains it; a scene not broken down yet as INT DAY.
 */
export function paletteSlotOf(strip: Pick<Strip, 'kind' | 'intExt' | 'dayNight'>): PaletteSlot {
  if (strip.kind === 'banner') return 'BANNER';
  if (strip.dayNight === 'DAWN') return 'DAWN';
  if (strip.dayNight === 'DUSK' || strip.dayNight === 'EVENING') return 'DUSK';
  const side = strip.intExt === 'EXT' || strip.intExt === 'INT/EXT' ? 'EXT' : 'INT';
  return strip.dayNight === 'NIGHT' ? `${side} NIGHT` : `${side} DAY`;
}

function channel(hex: string, index: number): number {
  const value = parseInt(hex.slice(1 + index * 2, 3 + index * 2), 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

export const TEXT_ON_LIGHT = '#000000';
export const TEXT_ON_DARK = '#ffffff';

/**
 * Black or white, whichever contrasts more with `background`. One of them always reaches at
 * least 4.58:1 (WCAG AA for normal text), so any colour a user picks stays readable.
 */
export function readableTextColour(background: string): string {
  return contrastRatio(background, TEXT_ON_LIGHT) >= contrastRatio(background, TEXT_ON_DARK)
    ? TEXT_ON_LIGHT
    : TEXT_ON_DARK;
}

export interface StripColour {
  slot: PaletteSlot;
  background: string;
  text: string;
}

function slotColour(palette: Palette, slot: PaletteSlot): StripColour {
  const background = palette[slot];
  return { slot, background, text: readableTextColour(background) };
}

export function stripColour(
  strip: Pick<Strip, 'kind' | 'intExt' | 'dayNight'>,
  palette: Palette,
): StripColour {
  return slotColour(palette, paletteSlotOf(strip));
}

/** Every slot's colours at once, for a board that colours hundreds of strips from seven. */
export function paletteColours(palette: Palette): Record<PaletteSlot, StripColour> {
  return Object.fromEntries(
    PALETTE_SLOTS.map((slot) => [slot, slotColour(palette, slot)]),
  ) as Record<PaletteSlot, StripColour>;
}
