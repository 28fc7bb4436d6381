import type { StripFields } from '../../src/strip-document.js';

/** A scene strip's content, for tests that need one. */
export const dinerScene: Partial<StripFields> = {
  kind: 'scene',
  scene: '14A',
  intExt: 'INT',
  dayNight: 'NIGHT',
  set: 'DINER',
  location: 'Stage 4',
  synopsis: 'Maggie meets the informant',
  eighths: 11,
  estMinutes: 90,
  scriptPage: '22',
};

/** A scene of `eighths` eighths numbered `scene`. */
export function sceneOf(scene: string, eighths: number): Partial<StripFields> {
  return { ...dinerScene, scene, eighths };
}
