import { describe, expect, it } from 'vitest';
import { describeZoneChange } from './zone-change';

const summer = new Date('2026-07-01T12:00:00Z');
const winter = new Date('2026-01-15T12:00:00Z');

describe('describeZoneChange', () => {
  it('says times stay as typed and how far the instant moves west', () => {
    expect(describeZoneChange('Europe/London', 'America/New_York', summer)).toBe(
      'Event times stay as typed: a call at 08:00 stays 08:00, read in America/New_York. ' +
        'That is 5 hours later than 08:00 in Europe/London.',
    );
  });

  it('counts half hours and moves east as earlier', () => {
    expect(describeZoneChange('UTC', 'Asia/Kolkata', winter)).toContain(
      'That is 5.5 hours earlier than 08:00 in UTC',
    );
  });

  it('names a zone with the same offset today as the same moment', () => {
    expect(describeZoneChange('Europe/London', 'UTC', winter)).toContain(
      'Today that is the same moment as in Europe/London.',
    );
  });
});
