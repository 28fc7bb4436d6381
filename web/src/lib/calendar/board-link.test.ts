import { describe, expect, it } from 'vitest';
import { BOARD_DAY_PARAM, boardDayHref } from './board-link';

describe('board link', () => {
  it('points at the calendar’s board with the day in the query', () => {
    const href = boardDayHref('cal-1', 'day 2/3');
    const url = new URL(href, 'https://callboard.test');
    expect(url.pathname).toBe('/calendars/cal-1/board');
    expect(url.searchParams.get(BOARD_DAY_PARAM)).toBe('day 2/3');
    expect(boardDayHref('c', 'd')).toBe('/calendars/c/board?day=d');
  });
});
