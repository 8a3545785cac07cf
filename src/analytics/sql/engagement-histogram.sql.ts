import type { NamedSql } from '../../database/named-sql';
import { sql, withParameters } from './named-fragment';
import { activityTableAnswers } from './activity-table';
import type { Dedupe, ResponseScope } from './response-scope.sql';
import { type DaySplit, daySplitParameters } from './slots';

/**
 * Whether engagement_histogram_1d answers counts per tier exactly: every response (no dedupe,
 * no filter), the default 30-day window and every event type.
 */
export function histogramAnswers(
  scope: ResponseScope,
  dedupe: Dedupe,
  engagement: { windowDays: number; eventTypes: readonly string[] | null },
): boolean {
  return (
    dedupe === 'ALL_RESPONSES' &&
    scope.conditions.length === 0 &&
    engagement.eventTypes === null &&
    activityTableAnswers(engagement.windowDays, null)
  );
}

/**
 * Category counts per window and engagement tier over the default 30-day window, every event
 * type: exact for ALL_RESPONSES without a filter. Whole UTC days read engagement_histogram_1d
 * (one row per day, segment and activity count), edges read response_engagement_30d by time.
 */
export function countsPerWindowAndTierFromHistogramStatement(
  environmentId: string,
  split: DaySplit,
  thresholds: readonly number[],
): NamedSql {
  // LATERAL: one index range scan per window (or edge), whatever the row estimates.
  return withParameters(
    sql`
      -- One row per (window position, tier) with histogram rows or responses: their category
      -- counts; tier is null for responses without a user (events −1 in the histogram).
      WITH tallies AS (
        SELECT d.position, h.segment, h.events, h.responses, h.score_sum
          FROM unnest(:dayStarts::timestamptz[], :dayEnds::timestamptz[], :dayPositions::int[])
               AS d(day_start, day_end, position)
         CROSS JOIN LATERAL (
           SELECT h.segment, h.events, h.responses, h.score_sum FROM engagement_histogram_1d h
            WHERE h.environment_id = :environmentId AND h.day >= d.day_start AND h.day < d.day_end OFFSET 0
         ) h
        UNION ALL
        SELECT e.position,
               CASE WHEN g.score >= 9 THEN 'PROMOTER' WHEN g.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END,
               coalesce(g.events, -1), 1, g.score
          FROM unnest(:edgeStarts::timestamptz[], :edgeEnds::timestamptz[], :edgePositions::int[])
               AS e(edge_start, edge_end, position)
         CROSS JOIN LATERAL (
           SELECT g.score, g.events FROM response_engagement_30d g
            WHERE g.environment_id = :environmentId
              AND g.responded_at >= e.edge_start AND g.responded_at < e.edge_end OFFSET 0
         ) g
      )
      SELECT position, CASE WHEN events < 0 THEN NULL ELSE width_bucket(events, :thresholds::int[]) END AS tier,
             coalesce(sum(responses), 0)::int AS responses,
             coalesce(sum(responses) FILTER (WHERE segment = 'PROMOTER'), 0)::int AS promoters,
             coalesce(sum(responses) FILTER (WHERE segment = 'PASSIVE'), 0)::int AS passives,
             coalesce(sum(responses) FILTER (WHERE segment = 'DETRACTOR'), 0)::int AS detractors,
             coalesce(sum(score_sum), 0)::int AS "scoreSum"
        FROM tallies
       GROUP BY 1, 2`,
    {
      environmentId,
      ...daySplitParameters(split),
      thresholds: [...thresholds],
    },
  );
}
