import type { Strip } from './strip-document.js';

/**
 * Scene numbers should be unique within a schedule, but scripts do carry duplicates, so a
 * duplicate is a warning to show, never a refusal.
 */

/** How scene numbers are compared: `14a`, ` 14A ` and `14A` are the same scene. */
export function sceneNumberKey(scene: string): string {
  return scene.trim().toUpperCase();
}

export interface DuplicateSceneNumber {
  /** The number as the first of the strips writes it. */
  scene: string;
  /** The strips carrying it, two or more, in the order given. */
  stripIds: string[];
}

/** Scene numbers used by more than one scene strip (banners and blank numbers aside). */
export function duplicateSceneNumbers(
  strips: readonly Pick<Strip, 'id' | 'kind' | 'scene'>[],
): DuplicateSceneNumber[] {
  const byNumber = new Map<string, DuplicateSceneNumber>();
  for (const strip of strips) {
    const key = sceneNumberKey(strip.scene);
    if (strip.kind !== 'scene' || key === '') continue;
    const entry = byNumber.get(key);
    if (entry) entry.stripIds.push(strip.id);
    else byNumber.set(key, { scene: strip.scene.trim(), stripIds: [strip.id] });
  }
  return [...byNumber.values()].filter((entry) => entry.stripIds.length > 1);
}
