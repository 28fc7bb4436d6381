import { utcOffsetMinutes } from '@callboard/domain';

function hours(minutes: number): string {
  const value = Math.abs(minutes) / 60;
  return `${value} ${value === 1 ? 'hour' : 'hours'}`;
}

/**
 * What a zone change does to existing events, in plain words: their times are wall-clock times
 * of the calendar's zone, so they stay as typed and mean another instant (as of `at`).
 */
export function describeZoneChange(from: string, to: string, at: Date = new Date()): string {
  const kept = `Event times stay as typed: a call at 08:00 stays 08:00, read in ${to}.`;
  if (from === to) return `${to} is the current zone.`;
  const shift = utcOffsetMinutes(from, at) - utcOffsetMinutes(to, at);
  if (shift === 0) return `${kept} Today that is the same moment as in ${from}.`;
  const direction = shift > 0 ? 'later' : 'earlier';
  return `${kept} That is ${hours(shift)} ${direction} than 08:00 in ${from}.`;
}
