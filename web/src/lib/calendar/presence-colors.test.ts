import { PRESENCE_COLOR_PATTERN } from '@callboard/domain';
import { describe, expect, it } from 'vitest';
import { presenceColor } from './presence-colors';

describe('presenceColor', () => {
  it('gives every user a colour of the documented #rrggbb form, the same each time', () => {
    for (let i = 0; i < 200; i++) {
      const userId = `user-${i}`;
      expect(presenceColor(userId)).toMatch(PRESENCE_COLOR_PATTERN);
      expect(presenceColor(userId)).toBe(presenceColor(userId));
    }
  });
});
