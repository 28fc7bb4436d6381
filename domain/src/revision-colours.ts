import { z } from 'zod';

/**
 * The standard sequence of script and schedule revision colours: white first, then blue, pink,
 * yellow, green, goldenrod, salmon, buff and cherry, after which productions start over.
 */
export const REVISION_COLOURS = [
  'white',
  'blue',
  'pink',
  'yellow',
  'green',
  'goldenrod',
  'salmon',
  'buff',
  'cherry',
] as const;
export type RevisionColour = (typeof REVISION_COLOURS)[number];
export const RevisionColourSchema = z.enum(REVISION_COLOURS);

/** The colour offered for the next named version: the one after the latest used. */
export function nextRevisionColour(latest: RevisionColour | null | undefined): RevisionColour {
  if (!latest) return REVISION_COLOURS[0];
  return REVISION_COLOURS[(REVISION_COLOURS.indexOf(latest) + 1) % REVISION_COLOURS.length]!;
}
