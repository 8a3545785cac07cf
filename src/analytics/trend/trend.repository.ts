import { Injectable } from '@nestjs/common';
import { activityTableAnswers } from '../sql/activity-table';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import { COUNTS, CategoryCounts } from '../sql/category-counts';
import {
  Dedupe,
  ResponseScope,
  parameterBinder,
  windowedResponsesSql,
} from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';
import { WindowCountsRepository } from '../sql/window-counts.repository';

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
    engagement: {
      windowDays: number;
      thresholds: readonly number[];
      eventTypes: readonly string[] | null;
    },
  ): Promise<Array<CategoryCounts & { window: number; tier: number | null }>> {
    const params: unknown[] = [];
    const ctes = windowedResponsesSql(scope, windows, dedupe, params);
    const bind = parameterBinder(params);
    const [thresholds, eventTypes, environment] = [
      bind([...engagement.thresholds]),
      bind(engagement.eventTypes),
      bind(scope.environmentId),
    ];
    // Events of the user in [t − windowDays·24h, t), one row per response.
    const activity = activityTableAnswers(engagement.windowDays, engagement.eventTypes)
      ? `SELECT coalesce(sum(a.events), 0)::int AS events FROM response_activity_30d a
          WHERE a.environment_id = ${environment} AND a.response_row_id = c.id
            AND (${eventTypes}::text[] IS NULL OR a.name = ANY(${eventTypes}::text[]))`
      : `SELECT count(*)::int AS events FROM events e
          WHERE e.environment_id = ${environment} AND e.user_id = c.user_id
            AND e.time >= c.responded_at - make_interval(hours => 24 * ${bind(engagement.windowDays)}::int)
            AND e.time < c.responded_at
            AND (CASE WHEN ${eventTypes}::text[] IS NULL THEN e.name <> 'Submit Survey'
                      ELSE e.name = ANY(${eventTypes}::text[]) END)`;
    const rows: Array<CategoryCounts & { position: string; tier: number | null }> =
      await this.sql.guarded((manager) =>
        manager.query(
          `WITH ${ctes},
              tiered AS (
                SELECT c.position, c.score,
                       CASE WHEN c.user_id IS NULL THEN NULL
                            ELSE width_bucket(activity.events, ${thresholds}::int[]) END AS tier
                  FROM chosen c
                  LEFT JOIN LATERAL (${activity}) activity ON c.user_id IS NOT NULL
              )
         SELECT position, tier, ${COUNTS} FROM tiered GROUP BY position, tier`,
          params,
        ),
      );
    return rows.map((row) => ({
      ...row,
      window: Number(row.position),
      tier: row.tier === null ? null : Number(row.tier),
    }));
  }
}
