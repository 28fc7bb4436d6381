import { PresenceColorSchema, type PresenceColor } from '@callboard/domain';

/**
 * Distinct colours for people's presence, picked stably from their user id. Names and
 * initials are written on them in white, so each keeps a contrast of at least 4.5:1.
 */
export const PRESENCE_COLORS: readonly PresenceColor[] = [
  '#c92a2a',
  '#1864ab',
  '#2b7a3a',
  '#862e9c',
  '#a84300',
  '#0b7285',
  '#a61e4d',
  '#5f3dc4',
].map((color) => PresenceColorSchema.parse(color));

export function presenceColor(userId: string): PresenceColor {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PRESENCE_COLORS[hash % PRESENCE_COLORS.length]!;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')
  ).toUpperCase();
}
