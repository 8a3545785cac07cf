import { listBuckets, rollingWindow } from './time-buckets';
import { HOUR_MS, at, hours, starts } from './time-buckets.spec-support';

// Expected instants follow the tz rules listed in time-buckets.spec-support.ts.

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
