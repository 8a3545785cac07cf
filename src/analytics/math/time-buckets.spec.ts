import fc from 'fast-check';

import {
  BUCKET_INTERVALS,
  BucketInterval,
  bucketStartFor,
  listBuckets,
  rollingWindow,
  TimeBucket,
} from './time-buckets';

/*
 * Expected instants come from the published tz rules (checked independently with Python's
 * zoneinfo, which reads the system tz database rather than ICU):
 *   Europe/Berlin     CET +01 / CEST +02; 2026: CEST from 03-29 01:00Z, CET from 10-25 01:00Z.
 *   America/New_York  EST −05 / EDT −04; 2026: EDT from 03-08 07:00Z, EST from 11-01 06:00Z.
 *   America/Havana    CST −05 / CDT −04; 2026: 03-08 00:00 CST → 01:00 CDT (05:00Z), and
 *                     11-01 01:00 CDT → 00:00 CST (05:00Z), so midnight happens twice.
 *   America/Santiago  −04 / −03; 2026: 09-06 00:00 −04 → 01:00 −03 (04:00Z), and
 *                     04-05 00:00 −03 → 04-04 23:00 −04 (03:00Z).
 *   Australia/Adelaide ACDT +10:30 / ACST +09:30; 2026: ACST from 04-05 03:00 local (16:30Z
 *                     04-04), ACDT from 10-04 02:00 local (16:30Z 10-03).
 *   Asia/Kolkata +05:30, Asia/Kathmandu +05:45 (no DST).
 *   Pacific/Apia      −10 → +14 at 2011-12-30 10:00Z: local 2011-12-30 never happened.
 */

const HOUR_MS = 3_600_000;

function at(iso: string): Date {
  return new Date(iso);
}

function hours(bucket: TimeBucket): number {
  return (bucket.bucketEnd.getTime() - bucket.bucketStart.getTime()) / HOUR_MS;
}

function starts(buckets: TimeBucket[]): string[] {
  return buckets.map((bucket) => bucket.bucketStart.toISOString());
}

/** Local calendar fields of an instant, read with Intl (the platform, not the code under test). */
function localFields(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    date: `${get('year')}-${get('month').padStart(2, '0')}-${get('day').padStart(2, '0')}`,
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    weekday: get('weekday'),
  };
}

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

describe('listBuckets', () => {
  it('returns a 23-hour day when Berlin springs forward and a 25-hour day when it falls back', () => {
    const spring = listBuckets(
      at('2026-03-28T12:00:00Z'),
      at('2026-03-30T12:00:00Z'),
      'DAY',
      'Europe/Berlin',
    );
    expect(starts(spring)).toEqual([
      '2026-03-27T23:00:00.000Z', // 28 Mar 00:00 CET
      '2026-03-28T23:00:00.000Z', // 29 Mar 00:00 CET
      '2026-03-29T22:00:00.000Z', // 30 Mar 00:00 CEST
    ]);
    expect(spring.map(hours)).toEqual([24, 23, 24]);
    const autumn = listBuckets(
      at('2026-10-25T12:00:00Z'),
      at('2026-10-25T13:00:00Z'),
      'DAY',
      'Europe/Berlin',
    );
    // 25 Oct 00:00 CEST = 10-24T22:00Z … 26 Oct 00:00 CET = 10-25T23:00Z: 25 hours.
    expect(autumn).toEqual([
      { bucketStart: at('2026-10-24T22:00:00Z'), bucketEnd: at('2026-10-25T23:00:00Z') },
    ]);
  });

  it('returns 167- and 169-hour ISO weeks around the Berlin DST changes', () => {
    // Week Mon 23 Mar 00:00 CET (22T23:00Z) … Mon 30 Mar 00:00 CEST (29T22:00Z) = 168 − 1.
    const spring = listBuckets(
      at('2026-03-25T00:00:00Z'),
      at('2026-03-26T00:00:00Z'),
      'WEEK',
      'Europe/Berlin',
    );
    expect(spring).toEqual([
      { bucketStart: at('2026-03-22T23:00:00Z'), bucketEnd: at('2026-03-29T22:00:00Z') },
    ]);
    expect(hours(spring[0])).toBe(167);
    // Week Mon 19 Oct 00:00 CEST (18T22:00Z) … Mon 26 Oct 00:00 CET (25T23:00Z) = 168 + 1.
    const autumn = listBuckets(
      at('2026-10-20T00:00:00Z'),
      at('2026-10-21T00:00:00Z'),
      'WEEK',
      'Europe/Berlin',
    );
    expect(autumn).toEqual([
      { bucketStart: at('2026-10-18T22:00:00Z'), bucketEnd: at('2026-10-25T23:00:00Z') },
    ]);
    expect(hours(autumn[0])).toBe(169);
  });

  it('returns 23/25-hour days and 167/169-hour weeks in New York', () => {
    const days = [
      ...listBuckets(
        at('2026-03-08T12:00:00Z'),
        at('2026-03-08T13:00:00Z'),
        'DAY',
        'America/New_York',
      ),
      ...listBuckets(
        at('2026-11-01T12:00:00Z'),
        at('2026-11-01T13:00:00Z'),
        'DAY',
        'America/New_York',
      ),
    ];
    // 8 Mar: 05:00Z (EST) → 9 Mar 04:00Z (EDT); 1 Nov: 04:00Z (EDT) → 2 Nov 05:00Z (EST).
    expect(starts(days)).toEqual(['2026-03-08T05:00:00.000Z', '2026-11-01T04:00:00.000Z']);
    expect(days.map(hours)).toEqual([23, 25]);
    const weeks = [
      ...listBuckets(
        at('2026-03-04T12:00:00Z'),
        at('2026-03-04T13:00:00Z'),
        'WEEK',
        'America/New_York',
      ),
      ...listBuckets(
        at('2026-10-28T12:00:00Z'),
        at('2026-10-28T13:00:00Z'),
        'WEEK',
        'America/New_York',
      ),
    ];
    // Mon 2 Mar 05:00Z → Mon 9 Mar 04:00Z; Mon 26 Oct 04:00Z → Mon 2 Nov 05:00Z.
    expect(starts(weeks)).toEqual(['2026-03-02T05:00:00.000Z', '2026-10-26T04:00:00.000Z']);
    expect(weeks.map(hours)).toEqual([167, 169]);
  });

  it('returns 25/23-hour days in Adelaide, where the offset is +09:30/+10:30', () => {
    // 5 Apr 00:00 ACDT = 04-04T13:30Z → 6 Apr 00:00 ACST = 04-05T14:30Z (25 h);
    // 4 Oct 00:00 ACST = 10-03T14:30Z → 5 Oct 00:00 ACDT = 10-04T13:30Z (23 h).
    const days = [
      ...listBuckets(
        at('2026-04-05T00:00:00Z'),
        at('2026-04-05T00:00:01Z'),
        'DAY',
        'Australia/Adelaide',
      ),
      ...listBuckets(
        at('2026-10-04T00:00:00Z'),
        at('2026-10-04T00:00:01Z'),
        'DAY',
        'Australia/Adelaide',
      ),
    ];
    expect(starts(days)).toEqual(['2026-04-04T13:30:00.000Z', '2026-10-03T14:30:00.000Z']);
    expect(days.map(hours)).toEqual([25, 23]);
  });

  it('returns months and quarters shifted by +05:30 and +05:45', () => {
    const may = listBuckets(
      at('2026-05-10T00:00:00Z'),
      at('2026-05-11T00:00:00Z'),
      'MONTH',
      'Asia/Kolkata',
    );
    // 1 May 00:00 IST = 04-30T18:30Z; 31 days × 24 h = 744 h.
    expect(may).toEqual([
      { bucketStart: at('2026-04-30T18:30:00Z'), bucketEnd: at('2026-05-31T18:30:00Z') },
    ]);
    expect(hours(may[0])).toBe(744);
    const quarters = listBuckets(
      at('2026-01-01T00:00:00Z'),
      at('2026-04-01T00:00:00Z'),
      'QUARTER',
      'Asia/Kathmandu',
    );
    // 2026-01-01T00:00Z is 05:45 NPT on 1 Jan → Q1 from 2025-12-31T18:15Z (90 days = 2160 h);
    // 2026-04-01T00:00Z is already 1 Apr 05:45 NPT → Q2 from 2026-03-31T18:15Z (91 days = 2184 h).
    expect(starts(quarters)).toEqual(['2025-12-31T18:15:00.000Z', '2026-03-31T18:15:00.000Z']);
    expect(quarters.map(hours)).toEqual([2160, 2184]);
  });

  it('returns 23- and 25-hour days in Havana, starting at 01:00 or at the first midnight', () => {
    const days = [
      ...listBuckets(
        at('2026-03-08T12:00:00Z'),
        at('2026-03-08T13:00:00Z'),
        'DAY',
        'America/Havana',
      ),
      ...listBuckets(
        at('2026-11-01T12:00:00Z'),
        at('2026-11-01T13:00:00Z'),
        'DAY',
        'America/Havana',
      ),
    ];
    // 8 Mar: 01:00 CDT (05:00Z) → 9 Mar 00:00 CDT (04:00Z): 23 h.
    // 1 Nov: first 00:00 CDT (04:00Z) → 2 Nov 00:00 CST (05:00Z): 25 h.
    expect(starts(days)).toEqual(['2026-03-08T05:00:00.000Z', '2026-11-01T04:00:00.000Z']);
    expect(days.map(hours)).toEqual([23, 25]);
  });

  it('returns Santiago days across its midnight transitions', () => {
    const days = listBuckets(
      at('2026-09-05T12:00:00Z'),
      at('2026-09-07T12:00:00Z'),
      'DAY',
      'America/Santiago',
    );
    // 5 Sep 00:00 −04 = 04:00Z; 6 Sep starts at 01:00 −03 = 04:00Z (23 h); 7 Sep 00:00 −03 = 03:00Z.
    expect(starts(days)).toEqual([
      '2026-09-05T04:00:00.000Z',
      '2026-09-06T04:00:00.000Z',
      '2026-09-07T03:00:00.000Z',
    ]);
    expect(days.map(hours)).toEqual([24, 23, 24]);
    // 4 Apr 00:00 −03 = 03:00Z … 5 Apr 00:00 −04 = 04:00Z: the clock repeats 23:00–24:00 (25 h).
    const autumn = listBuckets(
      at('2026-04-04T12:00:00Z'),
      at('2026-04-04T13:00:00Z'),
      'DAY',
      'America/Santiago',
    );
    expect(autumn).toEqual([
      { bucketStart: at('2026-04-04T03:00:00Z'), bucketEnd: at('2026-04-05T04:00:00Z') },
    ]);
  });

  it('returns no empty bucket for a local date that never happened', () => {
    const days = listBuckets(
      at('2011-12-29T12:00:00Z'),
      at('2011-12-31T12:00:00Z'),
      'DAY',
      'Pacific/Apia',
    );
    // 29 Dec (−10) 10:00Z…10:00Z; 31 Dec (+14) 30T10:00Z…31T10:00Z; 1 Jan 31T10:00Z…1T10:00Z.
    expect(starts(days)).toEqual([
      '2011-12-29T10:00:00.000Z',
      '2011-12-30T10:00:00.000Z',
      '2011-12-31T10:00:00.000Z',
    ]);
    expect(days.map(hours)).toEqual([24, 24, 24]);
  });

  it('returns exactly the buckets a half-open range touches', () => {
    const day = (iso: string) => ({
      bucketStart: at(`${iso}T00:00:00Z`),
      bucketEnd: new Date(at(`${iso}T00:00:00Z`).getTime() + 24 * HOUR_MS),
    });
    // [10 May 00:00, 11 May 00:00): only 10 May; `to` is exclusive.
    expect(
      listBuckets(at('2026-05-10T00:00:00Z'), at('2026-05-11T00:00:00Z'), 'DAY', 'UTC'),
    ).toEqual([day('2026-05-10')]);
    // 1 ms range.
    expect(
      listBuckets(at('2026-05-10T00:00:00Z'), at('2026-05-10T00:00:00.001Z'), 'DAY', 'UTC'),
    ).toEqual([day('2026-05-10')]);
    // Starting 1 ms before midnight pulls in the previous day; ending 1 ms after pulls in the next.
    expect(
      starts(
        listBuckets(at('2026-05-09T23:59:59.999Z'), at('2026-05-11T00:00:00.001Z'), 'DAY', 'UTC'),
      ),
    ).toEqual(['2026-05-09T00:00:00.000Z', '2026-05-10T00:00:00.000Z', '2026-05-11T00:00:00.000Z']);
  });

  it('returns calendar years of 366 and 365 days', () => {
    const years = listBuckets(
      at('2024-06-01T00:00:00Z'),
      at('2026-02-01T00:00:00Z'),
      'YEAR',
      'UTC',
    );
    expect(starts(years)).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
    expect(years.map(hours)).toEqual([366 * 24, 365 * 24, 365 * 24]);
  });

  it('allows exactly maxBuckets buckets and throws, naming the limit, above it', () => {
    expect(
      listBuckets(at('2026-01-01T00:00:00Z'), at('2026-01-11T00:00:00Z'), 'DAY', 'UTC', 10),
    ).toHaveLength(10);
    expect(() =>
      listBuckets(at('2026-01-01T00:00:00Z'), at('2026-01-11T00:00:00Z'), 'DAY', 'UTC', 9),
    ).toThrow(/more than 9 DAY buckets \(limit 9\)/);
    // Default limit 2000: 2020-01-01 + 2000 days = 2025-06-23.
    expect(
      listBuckets(at('2020-01-01T00:00:00Z'), at('2025-06-23T00:00:00Z'), 'DAY', 'UTC'),
    ).toHaveLength(2000);
    expect(() =>
      listBuckets(at('2020-01-01T00:00:00Z'), at('2025-06-23T00:00:00.001Z'), 'DAY', 'UTC'),
    ).toThrow(/limit 2000/);
  });

  it('fails fast when a range is absurdly long', () => {
    const started = Date.now();
    expect(() =>
      listBuckets(at('1000-01-01T00:00:00Z'), at('9999-01-01T00:00:00Z'), 'DAY', 'UTC'),
    ).toThrow(RangeError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('throws a RangeError naming the problem when from is not before to', () => {
    expect(() =>
      listBuckets(at('2026-05-10T00:00:00Z'), at('2026-05-10T00:00:00Z'), 'DAY', 'UTC'),
    ).toThrow(/from \(2026-05-10T00:00:00.000Z\) must be before to/);
    expect(() =>
      listBuckets(at('2026-05-11T00:00:00Z'), at('2026-05-10T00:00:00Z'), 'DAY', 'UTC'),
    ).toThrow(RangeError);
    expect(() =>
      listBuckets(at('2026-05-10T00:00:00Z'), at('2026-05-11T00:00:00Z'), 'DAY', 'UTC', 0),
    ).toThrow(/maxBuckets must be a positive integer/);
  });

  describe('for any range, interval and zone', () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'America/Havana',
      'America/Santiago',
      'Australia/Adelaide',
      'Australia/Lord_Howe', // 30-minute DST shift
      'Asia/Kolkata',
      'Asia/Kathmandu',
    ];
    const maxSpanDays: Record<BucketInterval, number> = {
      DAY: 40,
      WEEK: 200,
      MONTH: 800,
      QUARTER: 2000,
      YEAR: 4000,
    };
    const scenario = fc
      .record({
        fromMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
        spanFraction: fc.double({ min: 1e-9, max: 1, noNaN: true }),
        interval: fc.constantFrom(...BUCKET_INTERVALS),
        timeZone: fc.constantFrom(...zones),
      })
      .map(({ fromMs, spanFraction, interval, timeZone }) => ({
        from: new Date(fromMs),
        to: new Date(
          fromMs + Math.max(1, Math.round(spanFraction * maxSpanDays[interval] * 24 * HOUR_MS)),
        ),
        interval,
        timeZone,
      }));

    it('returns contiguous buckets that cover [from, to) and start at their own bucket start', () => {
      fc.assert(
        fc.property(scenario, ({ from, to, interval, timeZone }) => {
          const buckets = listBuckets(from, to, interval, timeZone);
          expect(buckets.length).toBeGreaterThan(0);
          expect(buckets[0].bucketStart.getTime()).toBeLessThanOrEqual(from.getTime());
          expect(buckets[0].bucketEnd.getTime()).toBeGreaterThan(from.getTime());
          const last = buckets[buckets.length - 1];
          expect(last.bucketStart.getTime()).toBeLessThan(to.getTime());
          expect(last.bucketEnd.getTime()).toBeGreaterThanOrEqual(to.getTime());
          buckets.forEach((bucket, i) => {
            expect(bucket.bucketEnd.getTime()).toBeGreaterThan(bucket.bucketStart.getTime());
            if (i > 0) {
              expect(bucket.bucketStart).toEqual(buckets[i - 1].bucketEnd);
            }
            expect(bucketStartFor(bucket.bucketStart, interval, timeZone)).toEqual(
              bucket.bucketStart,
            );
            expect(
              bucketStartFor(new Date(bucket.bucketEnd.getTime() - 1), interval, timeZone),
            ).toEqual(bucket.bucketStart);
          });
          expect(bucketStartFor(from, interval, timeZone)).toEqual(buckets[0].bucketStart);
        }),
        { numRuns: 60 },
      );
    });

    it('starts every bucket at the first instant of the right local calendar date', () => {
      fc.assert(
        fc.property(scenario, ({ from, to, interval, timeZone }) => {
          for (const { bucketStart, bucketEnd } of listBuckets(from, to, interval, timeZone)) {
            const local = localFields(bucketStart, timeZone);
            const before = localFields(new Date(bucketStart.getTime() - 1), timeZone);
            expect(before.date < local.date).toBe(true); // the previous millisecond is an earlier date
            expect(local.hour === 0 || local.hour === 1).toBe(true); // 01:00 only when 00:00 is skipped
            if (interval === 'WEEK') {
              expect(local.weekday).toBe('Mon');
            }
            if (interval === 'MONTH' || interval === 'QUARTER' || interval === 'YEAR') {
              expect(local.day).toBe(1);
            }
            if (interval === 'QUARTER') {
              expect([1, 4, 7, 10]).toContain(local.month);
            }
            if (interval === 'YEAR') {
              expect(local.month).toBe(1);
            }
            const length = (bucketEnd.getTime() - bucketStart.getTime()) / HOUR_MS;
            if (interval === 'DAY') {
              expect([23, 23.5, 24, 24.5, 25]).toContain(length);
            }
            if (interval === 'WEEK') {
              expect([167, 167.5, 168, 168.5, 169]).toContain(length);
            }
          }
        }),
        { numRuns: 60 },
      );
    });
  });
});

describe('rollingWindow', () => {
  it('returns [bucketEnd − k·24 h, bucketEnd) when the range starts earlier', () => {
    // Bucket end 31 Mar 2026 00:00 CEST = 03-30T22:00Z; k = 7 → 7·24 h earlier = 03-23T22:00Z,
    // which is 23 Mar 23:00 CET: exact hours, not calendar days, across the DST change.
    const window = rollingWindow(at('2026-03-30T22:00:00Z'), 7, at('2026-01-01T00:00:00Z'));
    expect(window).toEqual({ from: at('2026-03-23T22:00:00Z'), to: at('2026-03-30T22:00:00Z') });
  });

  it('returns 24 hours when k = 1', () => {
    expect(rollingWindow(at('2026-05-11T00:00:00Z'), 1, at('2026-05-01T00:00:00Z'))).toEqual({
      from: at('2026-05-10T00:00:00Z'),
      to: at('2026-05-11T00:00:00Z'),
    });
  });

  it('clips the window to start at the range start', () => {
    expect(rollingWindow(at('2026-03-30T22:00:00Z'), 7, at('2026-03-26T00:00:00Z'))).toEqual({
      from: at('2026-03-26T00:00:00Z'),
      to: at('2026-03-30T22:00:00Z'),
    });
  });

  it('returns an empty window when the range starts at or after the bucket end', () => {
    expect(rollingWindow(at('2026-03-30T22:00:00Z'), 7, at('2026-04-02T00:00:00Z'))).toEqual({
      from: at('2026-03-30T22:00:00Z'),
      to: at('2026-03-30T22:00:00Z'),
    });
  });

  it('throws when rollingDays is not a positive integer', () => {
    for (const k of [0, -1, 1.5, Number.NaN]) {
      expect(() =>
        rollingWindow(at('2026-03-30T22:00:00Z'), k, at('2026-01-01T00:00:00Z')),
      ).toThrow(/rollingDays must be a positive integer/);
    }
  });
});
