/**
 * Calendar buckets (DAY, WEEK, MONTH, QUARTER, YEAR) cut in an IANA time zone, and rolling
 * windows, as defined in docs/nps-method.md ("Time"). Only `Intl` is used: no tz library.
 *
 * A bucket is the half-open UTC interval [first instant of local date D, first instant of the
 * local date that starts the next bucket). With DST a DAY is 23 or 25 hours long and a WEEK 167
 * or 169 hours. When local midnight does not exist (DST starting at 00:00, e.g. America/Havana or
 * America/Santiago, where the clock jumps from 23:59:59 to 01:00), the day starts at the first
 * instant that exists on that date (01:00). When local midnight happens twice, the first one
 * counts. A local date skipped entirely (Pacific/Apia, 2011-12-30) yields no bucket. Where the
 * clock was once set back across midnight (America/St_Johns, 1988-10-30 00:01 → 10-29 22:01),
 * the instants whose local date steps back stay in the later bucket, so that buckets remain
 * contiguous intervals; only there does a bucket differ from grouping by local date.
 *
 * SQL mirror. These functions are mirrored in SQL as
 *   date_trunc('week', t AT TIME ZONE :tz)                  -- the bucket's local start (key)
 *   date_trunc('week', t AT TIME ZONE :tz) AT TIME ZONE :tz -- its UTC instant
 * (or date_trunc('week', t, :tz) on PostgreSQL ≥ 12). Assigning by the local key always agrees
 * with this module. Turning the key back into an instant with AT TIME ZONE agrees too, except
 * where local midnight is ambiguous or inside a gap that began before 00:00: PostgreSQL reads a
 * nonexistent local time with the offset from before the transition (for a gap starting exactly
 * at 00:00, as in Havana or Santiago, that lands on 01:00, the same instant as here) and an
 * ambiguous one with the offset from after it, i.e. the LATER midnight. America/Havana falls
 * back at 01:00 → 00:00 (2026-11-01), so its midnight happens twice: this module starts that day
 * at the first midnight (04:00Z), as it must for the bucket to hold 00:00–00:59 CDT, while
 * PostgreSQL's AT TIME ZONE gives 05:00Z. So group in SQL by the local key, or join on the
 * bounds returned by `listBuckets` (t >= bucketStart AND t < bucketEnd), never on a
 * reconstructed instant. Node's ICU and PostgreSQL also each ship their own copy of the tz
 * database; they can disagree for a zone whose rules changed between the two releases.
 */

import { formatterFor, isValidTimeZone } from '../../common/time-zone';

export type BucketInterval = 'DAY' | 'WEEK' | 'MONTH' | 'QUARTER' | 'YEAR';

export const BUCKET_INTERVALS: readonly BucketInterval[] = [
  'DAY',
  'WEEK',
  'MONTH',
  'QUARTER',
  'YEAR',
];

export const DEFAULT_MAX_BUCKETS = 2000;

export interface TimeBucket {
  /** First instant of the bucket (inclusive). */
  bucketStart: Date;
  /** First instant of the next bucket (exclusive). */
  bucketEnd: Date;
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;
/** A "day" of a rolling window: exactly 24 hours (see `rollingWindow`). */
export const DAY_MS = 86_400_000;

/** Instants this module accepts: years 1000–9999 (Intl and Date.UTC are unambiguous there). */
const MIN_INSTANT_MS = Date.UTC(1000, 0, 1);
const MAX_INSTANT_MS = Date.UTC(9999, 11, 1);

interface LocalDate {
  year: number;
  month: number; // 1–12
  day: number;
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone "${String(timeZone)}" (expected an IANA name)`);
  }
}

function assertInstant(name: string, instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new RangeError(`${name} must be a valid Date`);
  }
  if (ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError(`${name} must lie between the years 1000 and 9999`);
  }
  return ms;
}

function assertInterval(interval: BucketInterval): void {
  if (!BUCKET_INTERVALS.includes(interval)) {
    throw new RangeError(`Unknown interval "${String(interval)}"`);
  }
}

/**
 * Wall-clock times already worked out, by zone and instant: Intl's formatToParts is most of the
 * cost of listing a trend's buckets, and dashboards ask for the same boundaries again and again.
 */
const wallClockMemo = new Map<string, number>();
const WALL_CLOCK_MEMO_SIZE = 100_000;

/** Local wall-clock time at `ms`, expressed as if it were a UTC timestamp (whole seconds). */
function wallClockMs(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return Math.floor(ms / SECOND_MS) * SECOND_MS;
  const key = `${timeZone} ${ms}`;
  let wall = wallClockMemo.get(key);
  if (wall === undefined) {
    wall = formattedWallClockMs(ms, timeZone);
    if (wallClockMemo.size >= WALL_CLOCK_MEMO_SIZE) wallClockMemo.clear();
    wallClockMemo.set(key, wall);
  }
  return wall;
}

function formattedWallClockMs(ms: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') {
      fields[part.type] = Number(part.value);
    }
  }
  return Date.UTC(
    fields.year,
    fields.month - 1,
    fields.day,
    fields.hour === 24 ? 0 : fields.hour,
    fields.minute,
    fields.second,
  );
}

/** UTC offset in effect at `ms` (local − UTC), in milliseconds. */
function offsetMs(ms: number, timeZone: string): number {
  return wallClockMs(ms, timeZone) - Math.floor(ms / SECOND_MS) * SECOND_MS;
}

function localDateOf(ms: number, timeZone: string): LocalDate {
  const wall = new Date(wallClockMs(ms, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

function dateFromUtc(ms: number): LocalDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * The first instant whose local date is `date`. Local midnight is wall − offset for one of the
 * offsets in effect near it; when none of them reproduces midnight, midnight fell in a DST gap
 * and the day starts at the transition, found by bisection on whole seconds.
 */
function startOfLocalDate(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  // Any zone's offset lies in [−12 h, +14 h]; sample the offsets around the candidates.
  const lo = wall - 15 * HOUR_MS;
  const hi = wall + 13 * HOUR_MS;
  const offsets = new Set<number>([offsetMs(lo, timeZone), offsetMs(hi, timeZone)]);
  offsets.add(offsetMs(wall - offsetMs(wall, timeZone), timeZone));
  let best = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (candidate < best && offsetMs(candidate, timeZone) === offset) {
      best = candidate;
    }
  }
  if (Number.isFinite(best)) {
    return best;
  }
  // Gap: the smallest whole second t in [lo, hi] whose wall clock has reached `wall`.
  let low = lo / SECOND_MS; // wall clock < wall here
  let high = hi / SECOND_MS; // wall clock ≥ wall here
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallClockMs(middle * SECOND_MS, timeZone) >= wall) {
      high = middle;
    } else {
      low = middle;
    }
  }
  return high * SECOND_MS;
}

/** The local date that starts the bucket containing local date `date`. */
function truncateDate(date: LocalDate, interval: BucketInterval): LocalDate {
  switch (interval) {
    case 'DAY':
      return date;
    case 'WEEK': {
      const ms = Date.UTC(date.year, date.month - 1, date.day);
      const daysSinceMonday = (new Date(ms).getUTCDay() + 6) % 7; // ISO: Monday = 0
      return dateFromUtc(ms - daysSinceMonday * DAY_MS);
    }
    case 'MONTH':
      return { year: date.year, month: date.month, day: 1 };
    case 'QUARTER':
      return { year: date.year, month: date.month - ((date.month - 1) % 3), day: 1 };
    case 'YEAR':
      return { year: date.year, month: 1, day: 1 };
  }
}

/** The local date starting the bucket after the one starting at `start`. */
function nextBucketDate(start: LocalDate, interval: BucketInterval): LocalDate {
  switch (interval) {
    case 'DAY':
      return dateFromUtc(Date.UTC(start.year, start.month - 1, start.day + 1));
    case 'WEEK':
      return dateFromUtc(Date.UTC(start.year, start.month - 1, start.day + 7));
    case 'MONTH':
      return dateFromUtc(Date.UTC(start.year, start.month, 1));
    case 'QUARTER':
      return dateFromUtc(Date.UTC(start.year, start.month + 2, 1));
    case 'YEAR':
      return { year: start.year + 1, month: 1, day: 1 };
  }
}

interface BucketCursor {
  date: LocalDate;
  start: number;
}

function bucketContaining(ms: number, interval: BucketInterval, timeZone: string): BucketCursor {
  let date = truncateDate(localDateOf(ms, timeZone), interval);
  let start = startOfLocalDate(date, timeZone);
  // Buckets must partition time. If the next bucket already started (a skipped local date, or a
  // clock set back across midnight), the instant belongs to that one.
  for (;;) {
    const next = nextBucketDate(date, interval);
    const nextStart = startOfLocalDate(next, timeZone);
    if (nextStart > ms) {
      return { date, start };
    }
    date = next;
    start = nextStart;
  }
}

/**
 * The UTC instant at which the bucket holding `instant` starts: local midnight (or the first
 * instant of that local date when midnight does not exist) of the bucket's first day in
 * `timeZone`. WEEK is the ISO week (Monday start), QUARTER starts in January, April, July or
 * October.
 */
export function bucketStartFor(instant: Date, interval: BucketInterval, timeZone: string): Date {
  const ms = assertInstant('instant', instant);
  assertInterval(interval);
  assertTimeZone(timeZone);
  return new Date(bucketContaining(ms, interval, timeZone).start);
}

/**
 * Every bucket overlapping the half-open range [from, to), in order; the first may start before
 * `from` and the last end after `to`. Consecutive buckets are contiguous (each bucketEnd is the
 * next bucketStart).
 *
 * Throws a RangeError when from ≥ to, or when the range needs more than `maxBuckets` buckets
 * (it stops counting at the limit, so a huge range fails fast).
 */
export function listBuckets(
  from: Date,
  to: Date,
  interval: BucketInterval,
  timeZone: string,
  maxBuckets: number = DEFAULT_MAX_BUCKETS,
): TimeBucket[] {
  const fromMs = assertInstant('from', from);
  const toMs = assertInstant('to', to);
  assertInterval(interval);
  assertTimeZone(timeZone);
  if (!Number.isSafeInteger(maxBuckets) || maxBuckets < 1) {
    throw new RangeError(`maxBuckets must be a positive integer, got ${String(maxBuckets)}`);
  }
  if (fromMs >= toMs) {
    throw new RangeError(
      `Empty range: from (${from.toISOString()}) must be before to (${to.toISOString()})`,
    );
  }
  const buckets: TimeBucket[] = [];
  let { date, start } = bucketContaining(fromMs, interval, timeZone);
  while (start < toMs) {
    const next = nextBucketDate(date, interval);
    const end = startOfLocalDate(next, timeZone);
    if (end > start) {
      if (buckets.length === maxBuckets) {
        throw new RangeError(
          `Too many buckets: the range needs more than ${maxBuckets} ${interval} buckets ` +
            `(limit ${maxBuckets}); use a longer interval or a shorter range`,
        );
      }
      buckets.push({ bucketStart: new Date(start), bucketEnd: new Date(end) });
    }
    date = next;
    start = end;
  }
  return buckets;
}

/**
 * The rolling window of a bucket: [bucketEnd − k days, bucketEnd), clipped so that it starts no
 * earlier than `rangeFrom` ("nothing before the range's start"). If `rangeFrom` is not before
 * `bucketEnd` the window is empty (from = to = bucketEnd).
 *
 * "k days" means k × 24 hours of elapsed time (k × 86 400 000 ms), not k calendar days: across a
 * DST change the window therefore starts at 23:00 or 01:00 local rather than at the same wall
 * time. In SQL this is `bucket_end - :k * interval '24 hours'` (NOT `interval ':k days'`, which
 * PostgreSQL applies as calendar days in the session time zone for timestamptz).
 */
export function rollingWindow(bucketEnd: Date, rollingDays: number, rangeFrom: Date): TimeWindow {
  const endMs = assertInstant('bucketEnd', bucketEnd);
  const rangeFromMs = assertInstant('rangeFrom', rangeFrom);
  if (!Number.isSafeInteger(rollingDays) || rollingDays < 1) {
    throw new RangeError(`rollingDays must be a positive integer, got ${String(rollingDays)}`);
  }
  const fromMs = Math.min(endMs, Math.max(endMs - rollingDays * DAY_MS, rangeFromMs));
  return { from: new Date(fromMs), to: new Date(endMs) };
}
