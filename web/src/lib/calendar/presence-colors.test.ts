import { PRESENCE_COLOR_PATTERN } from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import { PRESENCE_COLORS, presenceColor } from './presence-colors';

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(color: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(color.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('presenceColor', () => {
  it('gives every user a colour of the documented #rrggbb form, the same each time', () => {
    for (let i = 0; i < 200; i++) {
      const userId = `user-${i}`;
      expect(presenceColor(userId)).toMatch(PRESENCE_COLOR_PATTERN);
      expect(presenceColor(userId)).toBe(presenceColor(userId));
    }
  });

  it('keeps white initials and names readable on every colour (contrast 4.5:1 or more)', () => {
    for (const color of PRESENCE_COLORS) {
      const contrast = (1 + 0.05) / (luminance(color) + 0.05);
      expect(contrast, color).toBeGreaterThanOrEqual(4.5);
    }
  });
});
