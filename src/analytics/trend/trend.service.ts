import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import { isValidTimeZone } from '../../common/time-zone';
import type { UserFilter } from '../../graphql/user-filter.input';
import {
  DEFAULT_ENGAGEMENT_THRESHOLDS,
  tierBounds,
  tierLabel,
  validateThresholds,
} from '../math/engagement-tiers';
import { quartileThresholds } from '../math/quartile-tiers';
import { DAY_MS, listBuckets } from '../math/time-buckets';
import { checkDays, checkRange } from '../shared/analytics-arguments';
import { Dedupe } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { npsFigures } from '../shared/nps-figures';
import { addCounts, type CategoryCounts, emptyCounts } from '../sql/category-counts';
import { Interval } from '../shared/interval.input';
import { EngagementInput } from '../shared/engagement.input';
import { NpsTrendModel, NpsTrendPointModel } from './trend.model';
import { TrendRepository } from './trend.repository';

/** npsTrend (docs/nps-method.md): calendar buckets and tiers in pure maths, counts in PostgreSQL. */
@Injectable()
export class TrendService {
  constructor(private readonly repository: TrendRepository) {}

  async trend(
    principal: Principal | null,
    environmentId: string,
    environmentTimezone: string,
    args: {
      from: Date;
      to: Date;
      interval: Interval;
      timezone?: string | null;
      rollingDays?: number | null;
      dedupe?: Dedupe | null;
      filter?: UserFilter | null;
      engagement?: EngagementInput | null;
    },
  ): Promise<NpsTrendModel> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const timezone = args.timezone ?? environmentTimezone;
    if (!isValidTimeZone(timezone))
      throw AppError.badInput(`timezone "${timezone}" is not an IANA time zone.`, 'timezone');
    let buckets;
    try {
      buckets = listBuckets(args.from, args.to, args.interval, timezone);
    } catch (error) {
      // The only failure left once the range and zone are valid: too many buckets (it says what to do).
      throw AppError.badInput(`${(error as Error).message}.`, 'interval');
    }
    const rollingDays =
      args.rollingDays === null || args.rollingDays === undefined
        ? null
        : checkDays(args.rollingDays, 30, 'rollingDays');
    // Each point's set: its bucket, or with rollingDays the k·24 h before its end; clipped to [from, to).
    const windows = buckets.map((bucket) => {
      const start = rollingDays
        ? new Date(bucket.bucketEnd.getTime() - rollingDays * DAY_MS)
        : bucket.bucketStart;
      return {
        from: new Date(Math.max(start.getTime(), args.from.getTime())),
        to: new Date(Math.min(bucket.bucketEnd.getTime(), args.to.getTime())),
      };
    });
    const dedupe = args.dedupe ?? Dedupe.ALL_RESPONSES;
    if (!args.engagement) {
      const counts = await this.repository.countsPerWindow(scope, windows, dedupe);
      const points: NpsTrendPointModel[] = buckets.map((bucket, index) => ({
        ...bucket,
        tier: null,
        ...npsFigures(counts[index]),
      }));
      return { timezone, points, series: [{ tier: null, points }], thresholds: null, tiers: [] };
    }
    const automatic = args.engagement.automatic === true;
    if (automatic && args.engagement.thresholds)
      throw AppError.badInput(
        'engagement: give thresholds or automatic: true, not both.',
        'engagement',
      );
    const windowDays = checkDays(args.engagement.windowDays, 30, 'windowDays');
    const measured = {
      windowDays,
      eventTypes: args.engagement.eventTypes?.length ? args.engagement.eventTypes : null,
    };
    const range = { from: args.from, to: args.to };
    const thresholds = automatic
      ? quartileThresholds(await this.repository.activityHistogram(scope, range, dedupe, measured))
      : (args.engagement.thresholds ?? [...DEFAULT_ENGAGEMENT_THRESHOLDS]);
    try {
      validateThresholds(thresholds);
    } catch (error) {
      throw AppError.badInput(`engagement.thresholds: ${(error as Error).message}`, 'engagement');
    }
    // The tier table covers the whole range. Plain buckets of every response partition it, so
    // their counts add up to it; otherwise (rolling points, one response per person) the range
    // is one more window, after the points'.
    const partitioned = rollingDays === null && dedupe === Dedupe.ALL_RESPONSES;
    const rows = await this.repository.countsPerWindowAndTier(
      scope,
      partitioned ? windows : [...windows, range],
      dedupe,
      { ...measured, thresholds },
    );
    const countsOf = (window: number, tier: number | null) =>
      rows.find((candidate) => candidate.window === window && candidate.tier === tier) ??
      emptyCounts();
    const wholeRange = (tier: number | null) =>
      partitioned
        ? rows
            .filter((row) => row.tier === tier)
            .reduce<CategoryCounts>((sum, row) => addCounts(sum, row), emptyCounts())
        : countsOf(windows.length + 1, tier);
    const tiers: Array<number | null> = [
      ...Array.from({ length: thresholds.length + 1 }, (_, index) => index),
      null,
    ];
    // A first threshold of 0 makes tier 0 empty: it is not a series. Automatic tiers hold
    // responses by construction; one left empty (all counts equal) is not shown either.
    const shown = tiers.filter(
      (tier) =>
        !(tier === 0 && thresholds[0] === 0) &&
        !(automatic && tier !== null && wholeRange(tier).responses === 0),
    );
    const label = (tier: number | null) =>
      tier === null ? 'unknown' : tierLabel(tier, thresholds);
    const series = shown.map((tier) => ({
      tier: label(tier),
      points: buckets.map((bucket, index) => ({
        ...bucket,
        tier: label(tier),
        ...npsFigures(countsOf(index + 1, tier)),
      })),
    }));
    const points = buckets.flatMap((_, index) => series.map((line) => line.points[index]));
    const table = shown.map((tier) => {
      const bounds = tier === null ? null : tierBounds(tier, thresholds);
      return {
        tier: label(tier),
        minEvents: bounds?.min ?? null,
        maxEvents: bounds?.max ?? null,
        ...npsFigures(wholeRange(tier)),
      };
    });
    return { timezone, points, series, thresholds, tiers: table };
  }
}
