import { describe, expect, it } from 'vitest';
import { isIanaTimeZone, matchTimeZones, timeZoneNames } from '../src/time-zone.js';

describe('isIanaTimeZone', () => {
  it.each(['Europe/London', 'America/Los_Angeles', 'UTC', 'Asia/Kolkata'])('accepts %s', (zone) => {
    expect(isIanaTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Olympus', '+02:00', '', 'Europe/London; drop table', 'x'.repeat(100)])(
    'refuses %s',
    (zone) => {
      expect(isIanaTimeZone(zone)).toBe(false);
    },
  );
});

describe('timeZoneNames', () => {
  it('offers UTC first and every zone of the runtime once', () => {
    const names = timeZoneNames();
    expect(names[0]).toBe('UTC');
    expect(names).toContain('America/New_York');
    expect(new Set(names).size).toBe(names.length);
    expect(names.every(isIanaTimeZone)).toBe(true);
  });
});

describe('matchTimeZones', () => {
  const names = [
    'UTC',
    'America/New_York',
    'Europe/London',
    'Europe/Berlin',
    'America/Los_Angeles',
  ];

  it('finds a zone by its place written with spaces and any case', () => {
    expect(matchTimeZones(names, 'new york')).toEqual(['America/New_York']);
    expect(matchTimeZones(names, 'LONDON')).toEqual(['Europe/London']);
  });

  it('finds UTC', () => {
    expect(matchTimeZones(names, 'utc')).toEqual(['UTC']);
  });

  it('lists zones whose place starts with the query before those that only contain it', () => {
    expect(matchTimeZones(['Europe/Berlin', 'America/Los_Angeles', 'Asia/Los'], 'los')).toEqual([
      'America/Los_Angeles',
      'Asia/Los',
    ]);
  });

  it('offers every zone for an empty query and none for an unknown place', () => {
    expect(matchTimeZones(names, '  ')).toEqual(names);
    expect(matchTimeZones(names, 'atlantis')).toEqual([]);
  });
});
