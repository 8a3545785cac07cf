import type { NamedSql } from '../../database/named-sql';
import { activityTableAnswers } from './activity-table';
import { COUNTS } from './category-counts';
import { sql, withParameters } from './named-fragment';
import { Dedupe, ResponseScope, windowedResponses } from './response-scope.sql';
import type { TimeWindow } from './slots';

/** How engagement is measured: events of `eventTypes` (null: all but Submit Survey) in the window. */
export interface EngagementWindow {
  windowDays: number;
  eventTypes: readonly string[] | null;
}

/** Engagement measured and cut into tiers at `thresholds`. */
export interface Engagement extends EngagementWindow {
  thresholds: readonly number[];
}

/**
 * Subquery over a chosen response `c`: how many of its user's events count, i.e. fall in
 * [t − windowDays·24h, t). From response_activity_30d when it answers, else from events.
 */
function engagementEvents(engagement: EngagementWindow): NamedSql {
  if (activityTableAnswers(engagement.windowDays, engagement.eventTypes)) {
    return sql`
      SELECT coalesce(sum(a.events), 0)::int AS events FROM response_activity_30d a
       WHERE a.environment_id = :environmentId AND a.response_row_id = c.id
         AND (:eventTypes::text[] IS NULL OR a.name = ANY(:eventTypes::text[]))`;
  }
  return withParameters(
    sql`
      SELECT count(*)::int AS events FROM events e
       WHERE e.environment_id = :environmentId AND e.user_id = c.user_id
         AND e.time >= c.responded_at - make_interval(hours => 24 * :windowDays::int)
         AND e.time < c.responded_at
         AND (CASE WHEN :eventTypes::text[] IS NULL THEN e.name <> 'Submit Survey'
                   ELSE e.name = ANY(:eventTypes::text[]) END)`,
    { windowDays: engagement.windowDays },
  );
}

/**
 * Category counts per window and engagement tier: the tier of a response is the index of its
 * user's event count among the thresholds (width_bucket); unmatched responses have none.
 */
export function countsPerWindowAndTierStatement(
  scope: ResponseScope,
  windows: readonly TimeWindow[],
  dedupe: Dedupe,
  engagement: Engagement,
): NamedSql {
  return withParameters(
    sql`
      -- One row per (window position, tier) that has responses: their category counts; tier is
      -- null for responses not matched to a user.
      WITH ${windowedResponses(scope, windows, dedupe)},
           tiered AS (
             SELECT c.position, c.score,
                    CASE WHEN c.user_id IS NULL THEN NULL
                         ELSE width_bucket(activity.events, :thresholds::int[]) END AS tier
               FROM chosen c
               LEFT JOIN LATERAL (
                 ${engagementEvents(engagement)}
               ) activity ON c.user_id IS NOT NULL
           )
      SELECT position, tier,
             ${COUNTS}
        FROM tiered
       GROUP BY position, tier`,
    {
      environmentId: scope.environmentId,
      thresholds: [...engagement.thresholds],
      eventTypes: engagement.eventTypes,
    },
  );
}

/**
 * How many of the range's matched responses have each activity count: what the automatic tiers'
 * quartiles are read from (math/quartile-tiers.ts). Unmatched responses have no count.
 */
export function activityHistogramStatement(
  scope: ResponseScope,
  range: TimeWindow,
  dedupe: Dedupe,
  engagement: EngagementWindow,
): NamedSql {
  return withParameters(
    sql`
      -- One row per activity count that occurs among the range's matched responses (ascending):
      -- the count and how many responses have it.
      WITH ${windowedResponses(scope, [range], dedupe)}
      SELECT activity.events, count(*)::int AS responses
        FROM chosen c
       CROSS JOIN LATERAL (
         ${engagementEvents(engagement)}
       ) activity
       WHERE c.user_id IS NOT NULL
       GROUP BY activity.events
       ORDER BY activity.events`,
    { environmentId: scope.environmentId, eventTypes: engagement.eventTypes },
  );
}
