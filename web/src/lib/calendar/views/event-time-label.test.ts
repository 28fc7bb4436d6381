import { describe, expect, it } from 'vitest';
import { eventTimeLabel } from './event-time-label';

describe('eventTimeLabel', () => {
  const night = { start: '2027-01-04T18:00', end: '2027-01-05T04:00', allDay: false };

  it('reads a night shoot’s second day as “until 04:00”, not a second start', () => {
    expect(eventTimeLabel(night, '2027-01-04')).toBe('18:00');
    expect(eventTimeLabel(night, '2027-01-05')).toBe('until 04:00');
  });

  it('marks an end on the next day with +1 when it shows the range', () => {
    expect(eventTimeLabel(night, '2027-01-04', true)).toBe('18:00–04:00 +1');
    expect(
      eventTimeLabel({ start: '2027-01-04T08:00', end: '2027-01-04T18:00', allDay: false }),
    ).toBe('08:00');
    expect(
      eventTimeLabel(
        { start: '2027-01-04T08:00', end: '2027-01-04T18:00', allDay: false },
        undefined,
        true,
      ),
    ).toBe('08:00–18:00');
  });

  it('shows no hours for an all-day event', () => {
    expect(eventTimeLabel({ start: '2027-01-04', end: '2027-01-05', allDay: true })).toBe('');
  });
});
