import { isValidTimeZone } from './time-zone';

describe('isValidTimeZone', () => {
  it('returns true for IANA names, including half- and three-quarter-hour zones', () => {
    for (const zone of [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Asia/Kathmandu',
    ]) {
      expect(isValidTimeZone(zone)).toBe(true);
    }
  });

  it('returns false for unknown names, blanks and offset strings', () => {
    for (const zone of ['Mars/Olympus_Mons', '', ' ', 'Europe/Berlin ', '+05:30', '-03:00']) {
      expect(isValidTimeZone(zone)).toBe(false);
    }
  });
});
