import { describe, expect, it } from 'vitest';
import { duplicateSceneNumbers } from '../src/scene-numbers.js';

describe('scene numbers', () => {
  it('lists each number used by more than one scene, ignoring case and spaces', () => {
    const strips = [
      { id: 'a', kind: 'scene', scene: '14A' },
      { id: 'b', kind: 'scene', scene: '15' },
      { id: 'c', kind: 'scene', scene: ' 14a' },
      { id: 'd', kind: 'scene', scene: '15' },
      { id: 'e', kind: 'scene', scene: '16' },
    ] as const;
    expect(duplicateSceneNumbers(strips)).toEqual([
      { scene: '14A', stripIds: ['a', 'c'] },
      { scene: '15', stripIds: ['b', 'd'] },
    ]);
  });

  it('ignores banners and scenes without a number', () => {
    const strips = [
      { id: 'a', kind: 'banner', scene: '1' },
      { id: 'b', kind: 'scene', scene: '1' },
      { id: 'c', kind: 'scene', scene: '' },
      { id: 'd', kind: 'scene', scene: ' ' },
    ] as const;
    expect(duplicateSceneNumbers(strips)).toEqual([]);
  });
});
