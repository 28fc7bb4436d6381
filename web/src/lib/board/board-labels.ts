import {
  dayNumberLabel,
  POOL_DAY_ID,
  type Board,
  type BoardDay,
  type Strip,
} from '@callboard/domain';

/** How the board writes times, dates and strips, in words a 1st AD reads at a glance. */

/** `45 min`, `1 h`, `5 h 30 min`. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

const dateFormats = {
  withYear: new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }),
  withoutYear: new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }),
};

/**
 * `Tue 12 Jan 2027` (or without the year); formatted as UTC so no zone shifts the date. The
 * formatters are made once: a board of 60 days formats a date for each on every change.
 */
export function shortDate(date: string, withYear = true): string {
  const format = withYear ? dateFormats.withYear : dateFormats.withoutYear;
  return format.format(new Date(`${date}T12:00:00Z`)).replace(',', '');
}

/** `Day 3 of 20, Tue 12 Jan 2027`, or `the unscheduled pool`. */
export function listName(board: Board, dayId: string): string {
  if (dayId === POOL_DAY_ID) return 'the unscheduled pool';
  return moveChoices(board).find((choice) => choice.dayId === dayId)?.label ?? 'a deleted day';
}

/** `Scene 14A` or `Banner: Lunch`: the strip named in a sentence. */
export function stripName(strip: Strip): string {
  if (strip.kind === 'banner') return `Banner: ${strip.text || 'untitled'}`;
  return strip.scene ? `Scene ${strip.scene}` : 'Scene without a number';
}

/** A day (or the pool) a strip can be sent to, as the "Move to day" choices list it. */
export interface MoveChoice {
  dayId: string;
  label: string;
}

/** Labels by day object: the board keeps a day's object while nothing of it changes. */
const dayLabels = new WeakMap<BoardDay, string>();

function dayLabel(day: BoardDay): string {
  let label = dayLabels.get(day);
  if (label === undefined) {
    label = `${dayNumberLabel(day)}, ${shortDate(day.date)}`;
    dayLabels.set(day, label);
  }
  return label;
}

/** Every day of the board in reading order, then the pool. */
export function moveChoices(board: Board): MoveChoice[] {
  return [
    ...board.units.flatMap((unit) =>
      unit.days.map((day) => ({ dayId: day.id, label: dayLabel(day) })),
    ),
    { dayId: POOL_DAY_ID, label: 'Unscheduled pool' },
  ];
}
