import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  PALETTE_PRESETS,
  PALETTE_SLOTS,
  paletteColours,
  paletteSlotOf,
  readableTextColour,
  stripColour,
} from '../src/strip-palette.js';
import { DAY_NIGHT_VALUES, INT_EXT_VALUES } from '../src/strip-document.js';

const scene = (intExt: string, dayNight: string) =>
  ({ kind: 'scene', intExt, dayNight }) as Parameters<typeof paletteSlotOf>[0];

describe('strip palettes', () => {
  it('offers both night conventions as presets, with the same day colours', () => {
    const intBlue = PALETTE_PRESETS['int-night-blue'].colours;
    const extBlue = PALETTE_PRESETS['ext-night-blue'].colours;
    expect(intBlue['INT NIGHT']).toBe(extBlue['EXT NIGHT']);
    expect(intBlue['EXT NIGHT']).toBe(extBlue['INT NIGHT']);
    expect(intBlue['INT NIGHT']).not.toBe(intBlue['EXT NIGHT']);
    for (const colours of [intBlue, extBlue]) {
      expect(colours['INT DAY']).toBe('#ffffff');
      expect(colours['EXT DAY']).toBe('#fff176');
      expect(new Set(PALETTE_SLOTS.map((slot) => colours[slot])).size).toBe(PALETTE_SLOTS.length);
    }
  });

  it('colours by INT/EXT and DAY/NIGHT, dawn and dusk apart, banners their own', () => {
    expect(paletteSlotOf(scene('INT', 'DAY'))).toBe('INT DAY');
    expect(paletteSlotOf(scene('EXT', 'MORNING'))).toBe('EXT DAY');
    expect(paletteSlotOf(scene('INT/EXT', 'NIGHT'))).toBe('EXT NIGHT');
    expect(paletteSlotOf(scene('INT', 'NIGHT'))).toBe('INT NIGHT');
    expect(paletteSlotOf(scene('EXT', 'DAWN'))).toBe('DAWN');
    expect(paletteSlotOf(scene('INT', 'EVENING'))).toBe('DUSK');
    expect(paletteSlotOf(scene('', ''))).toBe('INT DAY');
    expect(paletteSlotOf({ kind: 'banner', intExt: 'EXT', dayNight: 'NIGHT' })).toBe('BANNER');
  });

  it('gives every preset colour a text colour of at least 4.5:1 (WCAG AA)', () => {
    for (const { colours } of Object.values(PALETTE_PRESETS))
      for (const intExt of INT_EXT_VALUES)
        for (const dayNight of DAY_NIGHT_VALUES) {
          const colour = stripColour(scene(intExt, dayNight), colours);
          expect(contrastRatio(colour.background, colour.text)).toBeGreaterThanOrEqual(4.5);
        }
  });

  it('gives each slot of a palette at once the colours its strips get one by one', () => {
    const colours = PALETTE_PRESETS['ext-night-blue'].colours;
    const all = paletteColours(colours);
    expect(Object.keys(all)).toEqual([...PALETTE_SLOTS]);
    for (const intExt of INT_EXT_VALUES)
      for (const dayNight of DAY_NIGHT_VALUES) {
        const strip = scene(intExt, dayNight);
        expect(all[paletteSlotOf(strip)]).toEqual(stripColour(strip, colours));
      }
  });

  it('keeps any colour a user picks readable, choosing black or white text', () => {
    expect(readableTextColour('#ffffff')).toBe('#000000');
    expect(readableTextColour('#1a237e')).toBe('#ffffff');
    for (let grey = 0; grey <= 255; grey += 1) {
      const hex = `#${grey.toString(16).padStart(2, '0').repeat(3)}`;
      expect(contrastRatio(hex, readableTextColour(hex))).toBeGreaterThanOrEqual(4.5);
    }
    for (const hex of ['#ff0000', '#00ff00', '#0000ff', '#777777', '#7f7f00', '#008080'])
      expect(contrastRatio(hex, readableTextColour(hex))).toBeGreaterThanOrEqual(4.5);
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });
});
