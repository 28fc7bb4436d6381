import type { CalendarEvent } from './calendar-document.js';
import { addDays, dateOf, isLocalDate, toWallMinutes } from './local-time.js';

/** The dates an event covers; `end` is exclusive (an event ending at 00:00 stops the day before). */
export function datesCovered(event: Pick<CalendarEvent, 'start' | 'end' | 'allDay'>): string[] {
  const first = dateOf(event.start);
  // Most events start and end on one date: no date arithmetic for those.
  if (!event.allDay && dateOf(event.end) === first) return [first];
  const endMinutes = toWallMinutes(event.end);
  const dates: string[] = [];
  for (let date = first; dates.length < 366; date = addDays(date, 1)) {
    if (date !== first && toWallMinutes(date) >= endMinutes) break;
    dates.push(date);
  }
  return dates;
}

/** The last day an all-day event covers: the stored end is exclusive, people name the last day. */
export function lastDayOf(end: string): string {
  return isLocalDate(end) ? addDays(end, -1) : end;
}

/** The stored, exclusive end of an all-day event whose last day is `lastDay`. */
export function endAfterLastDay(lastDay: string): string {
  return isLocalDate(lastDay) ? addDays(lastDay, 1) : lastDay;
}

/** How a timed event's hours read on one of the dates it covers (null for all-day events). */
export interface TimesOnDate {
  /** The event's first day, its last day, or a day in between. */
  part: 'start' | 'end' | 'middle';
  /** `HH:mm` of the start and of the end. */
  start: string;
  end: string;
  /** Days from the start's date to the end's: 1 for a night shoot that wraps after midnight. */
  endDayOffset: number;
}

export function timesOnDate(
  event: Pick<CalendarEvent, 'start' | 'end' | 'allDay'>,
  date: string,
): TimesOnDate | null {
  if (event.allDay) return null;
  const first = dateOf(event.start);
  const last = dateOf(event.end);
  return {
    part: date === first ? 'start' : date === last ? 'end' : 'middle',
    start: event.start.slice(11, 16),
    end: event.end.slice(11, 16),
    endDayOffset: (toWallMinutes(last) - toWallMinutes(first)) / 1440,
  };
}

/** Where a day's schedule is read from when nothing starts earlier. */
export const DEFAULT_CREW_CALL = '07:00';

/**
 * The crew call of a run of dates: the earliest time of day at which a timed event starts on
 * one of them (the week view opens there), or the default when none does.
 */
export function crewCall(events: readonly CalendarEvent[], dates: readonly string[]): string {
  const days = new Set(dates);
  let earliest: string | null = null;
  for (const event of events) {
    if (event.allDay || !days.has(dateOf(event.start))) continue;
    const time = event.start.slice(11, 16);
    if (!earliest || time < earliest) earliest = time;
  }
  return earliest ?? DEFAULT_CREW_CALL;
}

/** Buckets events by each date they cover, for month and week views. */
export function eventsByDate(events: readonly CalendarEvent[]): Map<string, CalendarEvent[]> {
  const byDate = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    if (!event.start || !event.end) continue;
    for (const date of datesCovered(event)) {
      let list = byDate.get(date);
      if (!list) byDate.set(date, (list = []));
      list.push(event);
    }
  }
  return byDate;
}

/** Moves an event to start on `date`, keeping its time of day and duration (a drag in the month view). */
export function moveToDate(
  event: Pick<CalendarEvent, 'start' | 'end'>,
  date: string,
): { start: string; end: string } {
  const shiftDays = (toWallMinutes(date) - toWallMinutes(dateOf(event.start))) / 1440;
  const shift = (value: string) => addDays(dateOf(value), shiftDays) + value.slice(10);
  return { start: shift(event.start), end: shift(event.end) };
}

export interface PlacedEvent {
  event: CalendarEvent;
  /** Minutes from the day's midnight, clipped to the day. */
  top: number;
  bottom: number;
  lane: number;
  lanes: number;
}

/**
 * Places the timed events of one day side by side where they overlap (the week view):
 * each cluster of overlapping events shares its width between as many lanes as it needs.
 */
export function layoutDay(events: readonly CalendarEvent[], date: string): PlacedEvent[] {
  const dayStart = toWallMinutes(date);
  const placed = events
    .filter((e) => !e.allDay && e.start && e.end)
    .map((event) => ({
      event,
      top: Math.max(0, toWallMinutes(event.start) - dayStart),
      bottom: Math.min(1440, toWallMinutes(event.end) - dayStart),
      lane: 0,
      lanes: 1,
    }))
    .filter((p) => p.bottom > p.top)
    .sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  let cluster: typeof placed = [];
  let clusterEnd = -1;
  const laneEnds: number[] = [];
  const closeCluster = () => {
    for (const p of cluster) p.lanes = laneEnds.length;
    cluster = [];
    laneEnds.length = 0;
  };
  for (const p of placed) {
    if (p.top >= clusterEnd) closeCluster();
    let lane = laneEnds.findIndex((end) => end <= p.top);
    if (lane === -1) lane = laneEnds.push(p.bottom) - 1;
    else laneEnds[lane] = p.bottom;
    p.lane = lane;
    cluster.push(p);
    clusterEnd = Math.max(clusterEnd, p.bottom);
  }
  closeCluster();
  return placed;
}
