import { BucketInterval, bucketStartFor, listBuckets } from './time-buckets';
import { at, hours, starts } from './time-buckets.spec-support';

// Expected instants follow the tz rules listed in time-buckets.spec-support.ts.

describe('bucketStartFor', () => {
  it('returns UTC midnight for a DAY in UTC', () => {
    expect(bucketStartFor(at('2026-05-10T15:30:00Z'), 'DAY', 'UTC')).toEqual(
      at('2026-05-10T00:00:00Z'),
    );
  });

  it('returns the instant itself when it is a bucket start, the previous bucket 1 ms earlier', () => {
    const start = at('2026-05-10T00:00:00Z');
    expect(bucketStartFor(start, 'DAY', 'UTC')).toEqual(start);
    expect(bucketStartFor(new Date(start.getTime() - 1), 'DAY', 'UTC')).toEqual(
      at('2026-05-09T00:00:00Z'),
    );
  });

  it('returns the ISO-week Monday, even across a year boundary', () => {
    // 2026-01-01 is a Thursday; its ISO week (2026-W01) starts on Monday 2025-12-29.
    expect(bucketStartFor(at('2026-01-01T12:00:00Z'), 'WEEK', 'UTC')).toEqual(
      at('2025-12-29T00:00:00Z'),
    );
    // Sunday 2026-05-10 belongs to the week that started on Monday 2026-05-04.
    expect(bucketStartFor(at('2026-05-10T23:59:59Z'), 'WEEK', 'UTC')).toEqual(
      at('2026-05-04T00:00:00Z'),
    );
    // Monday 00:00 starts a new week.
    expect(bucketStartFor(at('2026-05-11T00:00:00Z'), 'WEEK', 'UTC')).toEqual(
      at('2026-05-11T00:00:00Z'),
    );
  });

  it('returns local midnight of the first day of the month, quarter and year in Berlin', () => {
    // 2026-08-15 14:00 CEST. 1 Aug and 1 Jul are in CEST (+2), 1 Jan in CET (+1).
    const instant = at('2026-08-15T12:00:00Z');
    expect(bucketStartFor(instant, 'MONTH', 'Europe/Berlin')).toEqual(at('2026-07-31T22:00:00Z'));
    expect(bucketStartFor(instant, 'QUARTER', 'Europe/Berlin')).toEqual(at('2026-06-30T22:00:00Z'));
    expect(bucketStartFor(instant, 'YEAR', 'Europe/Berlin')).toEqual(at('2025-12-31T23:00:00Z'));
  });

  it('uses the local date when it differs from the UTC date', () => {
    // 2026-05-09 22:30Z is 10 May 00:30 CEST → Berlin day starts 2026-05-09T22:00Z.
    expect(bucketStartFor(at('2026-05-09T22:30:00Z'), 'DAY', 'Europe/Berlin')).toEqual(
      at('2026-05-09T22:00:00Z'),
    );
    // 2026-05-10 03:00Z is 9 May 23:00 EDT → New York day starts 2026-05-09T04:00Z.
    expect(bucketStartFor(at('2026-05-10T03:00:00Z'), 'DAY', 'America/New_York')).toEqual(
      at('2026-05-09T04:00:00Z'),
    );
  });

  it('returns half-hour and 45-minute offsets in Kolkata and Kathmandu', () => {
    // Kolkata +05:30: 10 May 00:00 IST = 2026-05-09T18:30Z; 1 ms earlier is still 9 May.
    expect(bucketStartFor(at('2026-05-10T12:00:00Z'), 'DAY', 'Asia/Kolkata')).toEqual(
      at('2026-05-09T18:30:00Z'),
    );
    expect(bucketStartFor(at('2026-05-09T18:29:59.999Z'), 'DAY', 'Asia/Kolkata')).toEqual(
      at('2026-05-08T18:30:00Z'),
    );
    // Kathmandu +05:45: Q1 2026 starts 1 Jan 00:00 NPT = 2025-12-31T18:15Z.
    expect(bucketStartFor(at('2026-02-15T00:00:00Z'), 'QUARTER', 'Asia/Kathmandu')).toEqual(
      at('2025-12-31T18:15:00Z'),
    );
  });

  it('returns the first existing instant (01:00) when DST removes midnight', () => {
    // Havana 2026-03-08: 00:00 CST does not exist; the day starts at 01:00 CDT = 05:00Z.
    expect(bucketStartFor(at('2026-03-08T12:00:00Z'), 'DAY', 'America/Havana')).toEqual(
      at('2026-03-08T05:00:00Z'),
    );
    // Santiago 2026-09-06: 00:00 −04 does not exist; the day starts at 01:00 −03 = 04:00Z.
    expect(bucketStartFor(at('2026-09-06T12:00:00Z'), 'DAY', 'America/Santiago')).toEqual(
      at('2026-09-06T04:00:00Z'),
    );
    // The week containing Havana's gap day (Mon 2026-03-02, CST) starts normally at 05:00Z.
    expect(bucketStartFor(at('2026-03-08T12:00:00Z'), 'WEEK', 'America/Havana')).toEqual(
      at('2026-03-02T05:00:00Z'),
    );
  });

  it('returns the first of two midnights when the clock falls back to 00:00', () => {
    // Havana 2026-11-01: 00:00 CDT (04:00Z), then at 01:00 CDT back to 00:00 CST (05:00Z).
    // Both 00:30s belong to 1 November, whose bucket starts at the first midnight.
    expect(bucketStartFor(at('2026-11-01T04:30:00Z'), 'DAY', 'America/Havana')).toEqual(
      at('2026-11-01T04:00:00Z'),
    );
    expect(bucketStartFor(at('2026-11-01T05:30:00Z'), 'DAY', 'America/Havana')).toEqual(
      at('2026-11-01T04:00:00Z'),
    );
  });

  it('skips a local date that never happened (Samoa, 2011-12-30)', () => {
    // 2011-12-30T10:00Z is 31 Dec 00:00 +14; one second earlier was 29 Dec 23:59:59 −10.
    expect(bucketStartFor(at('2011-12-30T10:00:00Z'), 'DAY', 'Pacific/Apia')).toEqual(
      at('2011-12-30T10:00:00Z'),
    );
    expect(bucketStartFor(at('2011-12-30T09:59:59Z'), 'DAY', 'Pacific/Apia')).toEqual(
      at('2011-12-29T10:00:00Z'),
    );
  });

  it('keeps buckets contiguous where the clock was set back across midnight', () => {
    // America/St_Johns 1988-10-30 01:31Z: 00:01 NDDT (−01:30) → 29 Oct 22:01 NST (−03:30).
    // 30 Oct first begins at 01:30Z; the replayed hour of 29 Oct (02:30Z = 29 Oct 23:00 local)
    // stays in the 30 Oct bucket, which therefore runs 01:30Z → 31 Oct 03:30Z (26 h).
    expect(bucketStartFor(at('1988-10-30T02:30:00Z'), 'DAY', 'America/St_Johns')).toEqual(
      at('1988-10-30T01:30:00Z'),
    );
    const days = listBuckets(
      at('1988-10-29T12:00:00Z'),
      at('1988-10-31T12:00:00Z'),
      'DAY',
      'America/St_Johns',
    );
    expect(starts(days)).toEqual([
      '1988-10-29T01:30:00.000Z',
      '1988-10-30T01:30:00.000Z',
      '1988-10-31T03:30:00.000Z',
    ]);
    expect(days.map(hours)).toEqual([24, 26, 24]);
  });

  it('throws on an unknown zone, an invalid date or an unknown interval', () => {
    expect(() => bucketStartFor(at('2026-05-10T00:00:00Z'), 'DAY', 'Mars/Olympus_Mons')).toThrow(
      /Unknown time zone "Mars\/Olympus_Mons"/,
    );
    expect(() => bucketStartFor(new Date(Number.NaN), 'DAY', 'UTC')).toThrow(/valid Date/);
    expect(() =>
      bucketStartFor(at('2026-05-10T00:00:00Z'), 'HOUR' as BucketInterval, 'UTC'),
    ).toThrow(/Unknown interval "HOUR"/);
  });
});
