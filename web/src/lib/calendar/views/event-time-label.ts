import { dateOf, timesOnDate, type CalendarEvent } from '@callboard/domain';

/**
 * The hours shown for an event on one of its dates: the start (or, with `range`, start–end
 * with "+1" when it ends the next day) on its first day, "until 04:00" on its last.
 */
export function eventTimeLabel(
  event: Pick<CalendarEvent, 'start' | 'end' | 'allDay'>,
  date: string = dateOf(event.start),
  range = false,
): string {
  const times = timesOnDate(event, date);
  if (!times) return '';
  if (times.part === 'end') return `until ${times.end}`;
  if (times.part === 'middle') return 'continues';
  if (!range) return times.start;
  return `${times.start}–${times.end}${times.endDayOffset > 0 ? ` +${times.endDayOffset}` : ''}`;
}
