import { Injectable } from '@nestjs/common';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { CategoryCounts } from '../sql/category-counts';
import type { Dedupe, ResponseScope } from '../sql/response-scope.sql';
import { type TimeWindow, splitIntoUtcDays } from '../sql/slots';
import { WindowCountsRepository } from '../sql/window-counts.repository';
import type { CountFrequency } from '../math/quartile-tiers';
import {
  countsPerWindowAndTierFromHistogramStatement,
  histogramAnswers,
} from '../sql/engagement-histogram.sql';
import {
  Engagement,
  EngagementWindow,
  activityHistogramStatement,
  countsPerWindowAndTierStatement,
} from '../sql/engagement-tiers.sql';

/** The counts of npsTrend: per point, and per point and engagement tier. */
@Injectable()
export class TrendRepository {
  constructor(
    private readonly sql: AnalyticsSqlRunner,
    private readonly windows: WindowCountsRepository,
  ) {}

  /** One row per window (in order): category counts (rollup for aligned middles, rows otherwise). */
  countsPerWindow(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    return this.windows.countsPerWindow(scope, windows, dedupe);
  }

  /**
   * One row per (window, tier): counts of NPS responses in each window by the engagement of the
   * responding user, i.e. how many of their events (of `eventTypes`, else all but Submit Survey)
   * fall in [t − windowDays·24h, t). Tier = index among `thresholds`; null for unmatched responses.
   */
  async countsPerWindowAndTier(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
    engagement: Engagement,
  ): Promise<Array<CategoryCounts & { window: number; tier: number | null }>> {
    // Every response over the default window and every type: the daily histogram answers.
    const fromHistogram = histogramAnswers(scope, dedupe, engagement);
    const rows = await this.sql.rows<CategoryCounts & { position: string; tier: number | null }>(
      fromHistogram
        ? countsPerWindowAndTierFromHistogramStatement(
            scope.environmentId,
            splitIntoUtcDays(windows),
            engagement.thresholds,
          )
        : countsPerWindowAndTierStatement(scope, windows, dedupe, engagement),
    );
    return rows.map((row) => ({
      ...row,
      window: Number(row.position),
      tier: row.tier === null ? null : Number(row.tier),
    }));
  }

  /** Per activity count among the range's matched responses, how many have it (ascending). */
  async activityHistogram(
    scope: ResponseScope,
    range: TimeWindow,
    dedupe: Dedupe,
    engagement: EngagementWindow,
  ): Promise<CountFrequency[]> {
    const rows = await this.sql.rows<{ events: number; responses: number }>(
      activityHistogramStatement(scope, range, dedupe, engagement),
    );
    return rows.map((row) => ({ events: Number(row.events), responses: Number(row.responses) }));
  }
}
