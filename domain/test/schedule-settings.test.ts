import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  readSettings,
  setPaletteColour,
  setPalettePreset,
  setWorkingDays,
  settingsMap,
  workingDates,
} from '../src/schedule-settings.js';
import { PALETTE_PRESETS } from '../src/strip-palette.js';
import { copyOf, syncAll } from './support/yjs-sync.js';

describe('schedule settings', () => {
  it('reads an empty document as the default preset and a Monday-to-Friday week', () => {
    expect(readSettings(new Y.Doc())).toEqual({
      palettePreset: 'int-night-blue',
      palette: PALETTE_PRESETS['int-night-blue'].colours,
      paletteChanges: {},
      workingDays: [0, 1, 2, 3, 4],
    });
  });

  it('lays changed colours over the preset and drops them when the preset changes', () => {
    const doc = new Y.Doc();
    setPaletteColour(doc, 'DAWN', '#ff00ff');
    expect(readSettings(doc).palette.DAWN).toBe('#ff00ff');
    setPaletteColour(doc, 'DAWN', null);
    expect(readSettings(doc).palette.DAWN).toBe(PALETTE_PRESETS['int-night-blue'].colours.DAWN);
    setPaletteColour(doc, 'DUSK', '#123456');
    setPalettePreset(doc, 'ext-night-blue');
    expect(readSettings(doc)).toMatchObject({
      palettePreset: 'ext-night-blue',
      palette: PALETTE_PRESETS['ext-night-blue'].colours,
      paletteChanges: {},
    });
    expect(() => setPaletteColour(doc, 'DUSK', 'blue')).toThrow();
  });

  it('keeps both colours two people change at once', () => {
    const a = new Y.Doc();
    const b = copyOf(a);
    setPaletteColour(a, 'INT NIGHT', '#0000aa');
    setPaletteColour(b, 'EXT NIGHT', '#00aa00');
    syncAll(a, b);
    expect(readSettings(a).paletteChanges).toEqual({
      'INT NIGHT': '#0000aa',
      'EXT NIGHT': '#00aa00',
    });
  });

  it('reads bad values as defaults and keeps keys it does not know', () => {
    const doc = new Y.Doc();
    settingsMap(doc).set('palettePreset', 'neon');
    settingsMap(doc).set('workingDays', [4, 2]);
    settingsMap(doc).set('palette.DAWN', 'pink');
    settingsMap(doc).set('doodRules', { holdDays: 2 });
    expect(readSettings(doc)).toMatchObject({
      palettePreset: 'int-night-blue',
      paletteChanges: {},
      workingDays: [0, 1, 2, 3, 4],
    });
    setWorkingDays(doc, [0, 1, 2, 3, 4, 5]);
    expect(readSettings(doc).workingDays).toEqual([0, 1, 2, 3, 4, 5]);
    expect(settingsMap(doc).get('doodRules')).toEqual({ holdDays: 2 });
    expect(() => setWorkingDays(doc, [])).toThrow();
  });

  it('lists working dates from a start date, skipping days off', () => {
    expect(workingDates('2026-12-04', 3)).toEqual(['2026-12-04', '2026-12-07', '2026-12-08']);
    expect(workingDates('2026-12-05', 2, [5, 6])).toEqual(['2026-12-05', '2026-12-06']);
  });
});
