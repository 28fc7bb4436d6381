/** The board's query parameter naming the shoot day to bring into view. */
export const BOARD_DAY_PARAM = 'day';

/** Where the stripboard shows one shoot day: `/calendars/<id>/board?day=<dayId>`. */
export function boardDayHref(calendarId: string, dayId: string): string {
  const query = new URLSearchParams({ [BOARD_DAY_PARAM]: dayId });
  return `/calendars/${encodeURIComponent(calendarId)}/board?${query}`;
}
