import type { NamedSql } from '../../database/named-sql';
import { COUNTS } from './category-counts';
import { sql, withParameters } from './named-fragment';
import { Dedupe, ResponseScope, windowBounds, windowedResponses } from './response-scope.sql';
import type { TimeWindow } from './slots';

/** Category counts per window, counted from survey_responses (any dedupe, any filter). */
export function countsFromRowsStatement(
  scope: ResponseScope,
  windows: readonly TimeWindow[],
  dedupe: Dedupe,
): NamedSql {
  return sql`
    -- One row per window (position 1…n) that has responses: its category counts.
    WITH ${windowedResponses(scope, windows, dedupe)}
    SELECT position,
           ${COUNTS}
      FROM chosen
     GROUP BY position`;
}

/**
 * Category counts per window from the 15-minute rollup: exact for ALL_RESPONSES without a filter
 * over slot-aligned windows.
 */
export function countsFromRollupStatement(
  environmentId: string,
  windows: readonly TimeWindow[],
): NamedSql {
  // LATERAL: one index range scan of the slots per window, whatever the row estimates.
  return withParameters(
    sql`
      -- One row per window (position 1…n): the sums of its slots, zeros when it has none.
      SELECT w.position, slots.responses, slots.promoters, slots.passives, slots.detractors, slots."scoreSum"
        FROM unnest(:windowStarts::timestamptz[], :windowEnds::timestamptz[])
             WITH ORDINALITY AS w(window_start, window_end, position)
       CROSS JOIN LATERAL (
         SELECT coalesce(sum(r.responses), 0)::int AS responses, coalesce(sum(r.promoters), 0)::int AS promoters,
                coalesce(sum(r.passives), 0)::int AS passives, coalesce(sum(r.detractors), 0)::int AS detractors,
                coalesce(sum(r.score_sum), 0)::int AS "scoreSum"
           FROM nps_rollup_15m r
          WHERE r.environment_id = :environmentId AND r.slot >= w.window_start AND r.slot < w.window_end
       ) slots`,
    { environmentId, ...windowBounds(windows) },
  );
}
