import { TimeBucket } from './time-buckets';

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

export const HOUR_MS = 3_600_000;

export function at(iso: string): Date {
  return new Date(iso);
}

export function hours(bucket: TimeBucket): number {
  return (bucket.bucketEnd.getTime() - bucket.bucketStart.getTime()) / HOUR_MS;
}

export function starts(buckets: TimeBucket[]): string[] {
  return buckets.map((bucket) => bucket.bucketStart.toISOString());
}

/** Local calendar fields of an instant, read with Intl (the platform, not the code under test). */
export function localFields(instant: Date, timeZone: string) {
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
