import { useMemo } from 'preact/hooks';
import { formatBucket, formatDate } from './format';
import { useQuery } from './hooks';
import { addDays, addMonths, dateIn, dateText, parseDate, startOfDate } from './time';
import {
  FirstYearDocument,
  type Dedupe,
  type Interval,
  type UserPropertyCondition,
} from './generated/graphql';

export type Preset = '30d' | '90d' | '12m' | 'this-year' | 'last-year' | 'all' | 'custom';

/** Rolling presets end today; the calendar years are whole years, this one up to today. */
export const PRESETS: Array<{ value: Preset; label: string; long: string }> = [
  { value: '30d', label: 'Last 30 days', long: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days', long: 'Last 90 days' },
  { value: '12m', label: 'Last 12 months', long: 'Last 12 months' },
  { value: 'this-year', label: 'This year', long: 'This year' },
  { value: 'last-year', label: 'Last year', long: 'Last year' },
  { value: 'all', label: 'All time', long: 'All time' },
  { value: 'custom', label: 'Custom', long: 'Custom range' },
];

export function isPreset(value: string | null): value is Preset {
  return PRESETS.some((preset) => preset.value === value);
}

export interface Controls {
  preset: Preset;
  /** Custom range, calendar dates in the time zone; `customTo` is included. */
  customFrom: string;
  customTo: string;
  interval: Interval;
  timezone: string;
  dedupe: Dedupe;
}

export interface ResolvedRange {
  /** Null: from the beginning (all time). */
  from: string | null;
  to: string;
  /** Where the trend starts: `from`, or for all time the year of the first response. */
  trendFrom: string | null;
  /** Length in whole days, when bounded. */
  days: number | null;
  compare: boolean;
  label: string;
  /** All time found no response at all. */
  empty: boolean;
  loading: boolean;
  error?: string;
}

export function defaultInterval(preset: Preset, days: number | null): Interval {
  if (preset === '30d') return 'DAY';
  if (preset === '90d') return 'WEEK';
  if (preset === '12m' || preset === 'last-year' || preset === 'all') return 'MONTH';
  if (days === null) return 'MONTH';
  return days <= 45 ? 'DAY' : days <= 200 ? 'WEEK' : days <= 1100 ? 'MONTH' : 'QUARTER';
}

export function initialControls(timezone: string, now = new Date()): Controls {
  const today = dateIn(now, timezone);
  return {
    preset: '90d',
    customFrom: dateText(addDays(today, -89)),
    customTo: dateText(today),
    interval: 'WEEK',
    timezone,
    dedupe: 'ALL_RESPONSES',
  };
}

/** Whole calendar days ending today (the range ends at tomorrow's start in the zone). */
export function boundedRange(
  controls: Controls,
  now = new Date(),
): { from: Date; to: Date; fromDate: string; toDate: string } | { error: string } | null {
  const zone = controls.timezone;
  const today = dateIn(now, zone);
  const tomorrow = addDays(today, 1);
  switch (controls.preset) {
    case '30d':
      return span(addDays(today, -29), tomorrow, zone);
    case '90d':
      return span(addDays(today, -89), tomorrow, zone);
    case '12m':
      // Today and the days back to the same date a year ago, exclusive: 3 Dec – 2 Dec.
      return span(addDays(addMonths(today, -12), 1), tomorrow, zone);
    case 'this-year':
      return span({ year: today.year, month: 1, day: 1 }, tomorrow, zone);
    case 'last-year':
      return span(
        { year: today.year - 1, month: 1, day: 1 },
        { year: today.year, month: 1, day: 1 },
        zone,
      );
    case 'custom': {
      const from = parseDate(controls.customFrom);
      const to = parseDate(controls.customTo);
      if (!from || !to) return { error: 'Enter both dates of the custom range.' };
      if (dateText(from) > dateText(to))
        return { error: 'The custom range must start on or before its last day.' };
      return span(from, addDays(to, 1), zone);
    }
    default:
      return null;
  }
}

function span(
  from: ReturnType<typeof parseDate>,
  toExclusive: ReturnType<typeof parseDate>,
  zone: string,
) {
  return {
    from: startOfDate(from!, zone),
    to: startOfDate(toExclusive!, zone),
    fromDate: dateText(from!),
    toDate: dateText(addDays(toExclusive!, -1)),
  };
}

export function filterVariable(conditions: UserPropertyCondition[]) {
  return conditions.length > 0 ? { conditions } : null;
}

export function useRange(
  environmentId: string,
  controls: Controls,
  filter: UserPropertyCondition[],
): ResolvedRange {
  // Recomputed when the controls change, not on every render, so the query variables stay stable.
  const bounded = useMemo(
    () => boundedRange(controls),
    [controls.preset, controls.customFrom, controls.customTo, controls.timezone],
  );
  const allTo = useMemo(
    () => startOfDate(addDays(dateIn(new Date(), controls.timezone), 1), controls.timezone),
    [controls.timezone],
  );
  const probe = useQuery(controls.preset === 'all' ? FirstYearDocument : null, {
    env: environmentId,
    to: allTo.toISOString(),
    timezone: controls.timezone,
    filter: filterVariable(filter),
  });
  if (bounded && 'error' in bounded) {
    return {
      from: null,
      to: allTo.toISOString(),
      trendFrom: null,
      days: null,
      compare: false,
      label: 'Custom range',
      empty: false,
      loading: false,
      error: bounded.error,
    };
  }
  if (bounded) {
    const days = Math.round((bounded.to.getTime() - bounded.from.getTime()) / 86_400_000);
    return {
      from: bounded.from.toISOString(),
      to: bounded.to.toISOString(),
      trendFrom: bounded.from.toISOString(),
      days,
      compare: true,
      label: `${formatDate(bounded.from.toISOString(), controls.timezone)} – ${formatDate(
        new Date(bounded.to.getTime() - 1).toISOString(),
        controls.timezone,
      )}`,
      empty: false,
      loading: false,
    };
  }
  const first = probe.data?.environment?.npsTrend.points.find((point) => point.responses > 0);
  return {
    from: null,
    to: allTo.toISOString(),
    trendFrom: first ? first.bucketStart : null,
    days: null,
    compare: false,
    label: first
      ? `All time (since ${formatBucket(first.bucketStart, 'YEAR', controls.timezone)})`
      : 'All time',
    empty: Boolean(probe.data) && !first,
    loading: probe.loading && !probe.data,
    error: probe.error?.message,
  };
}
