import { describe, expect, it } from 'vitest';
import { isIanaTimeZone } from '../src/time-zone.js';

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
