import { PresenceColorSchema, type PresenceColor } from '@callboard/domain';

/** Distinct, readable colours for people's presence, picked stably from their user id. */
const COLORS: readonly PresenceColor[] = [
  '#d9480f',
  '#1971c2',
  '#2f9e44',
  '#9c36b5',
  '#e8590c',
  '#0c8599',
  '#c2255c',
  '#5f3dc4',
].map((color) => PresenceColorSchema.parse(color));

export function presenceColor(userId: string): PresenceColor {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')
  ).toUpperCase();
}
