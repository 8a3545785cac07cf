import fc from 'fast-check';

import { BUCKET_INTERVALS, BucketInterval, bucketStartFor, listBuckets } from './time-buckets';
import { HOUR_MS, localFields } from './time-buckets.spec-support';

describe('listBuckets for any range, interval and zone', () => {
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
