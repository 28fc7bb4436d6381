import { describe, expect, it } from 'vitest';
import { readViewLocation, viewLocationUrl } from './view-location';

describe('view location', () => {
  it('reads the view and date from the query', () => {
    expect(readViewLocation(new URLSearchParams('view=week&date=2027-01-04'))).toEqual({
      view: 'week',
      date: '2027-01-04',
    });
  });

  it('falls back to the month of today for unknown or impossible values', () => {
    expect(readViewLocation(new URLSearchParams('view=year&date=2027-02-30'))).toEqual({
      view: 'month',
      date: null,
    });
  });

  it('writes them back keeping the other parameters, and round-trips', () => {
    const url = viewLocationUrl(new URL('https://callboard.test/calendars/c?x=1'), {
      view: 'agenda',
      date: '2026-12-31',
    });
    expect(url.href).toBe('https://callboard.test/calendars/c?x=1&view=agenda&date=2026-12-31');
    expect(readViewLocation(url.searchParams)).toEqual({ view: 'agenda', date: '2026-12-31' });
  });
});
