import type { NamedSql } from '../../database/named-sql';
import { COUNTS } from './category-counts';
import { sql, withParameters } from './named-fragment';
import { Dedupe, FilterPlan, ResponseScope, windowedResponses } from './response-scope.sql';
import { type TimeWindow, rollupPieceParameters, rollupPieces } from './slots';

/** Category counts per window, counted from survey_responses (any dedupe, any filter). */
export function countsFromRowsStatement(
  scope: ResponseScope,
  windows: readonly TimeWindow[],
  dedupe: Dedupe,
  plan: FilterPlan = 'join',
): NamedSql {
  return sql`
    -- One row per window (position 1…n) that has responses: its category counts.
    WITH ${windowedResponses(scope, windows, dedupe, plan)}
    SELECT position,
           ${COUNTS}
      FROM chosen
     GROUP BY position`;
}

/**
 * Category counts per window from the rollups: exact for ALL_RESPONSES without a filter over
 * slot-aligned windows. Whole UTC days come from nps_rollup_1d, the rest from nps_rollup_15m.
 */
export function countsFromRollupStatement(
  environmentId: string,
  windows: readonly TimeWindow[],
): NamedSql {
  // LATERAL: one index range scan of the days or slots per piece, whatever the row estimates.
  return withParameters(
    sql`
      -- One row per window (position 1…n) with rollup rows: the sums of its days and slots.
      SELECT p.position, sum(x.responses)::int AS responses, sum(x.promoters)::int AS promoters,
             sum(x.passives)::int AS passives, sum(x.detractors)::int AS detractors,
             sum(x.score_sum)::int AS "scoreSum"
        FROM unnest(:pieceStarts::timestamptz[], :pieceEnds::timestamptz[], :piecePositions::int[],
                    :pieceDaily::boolean[]) AS p(piece_start, piece_end, position, daily)
       CROSS JOIN LATERAL (
         SELECT d.responses, d.promoters, d.passives, d.detractors, d.score_sum
           FROM nps_rollup_1d d
          WHERE p.daily AND d.environment_id = :environmentId
            AND d.day >= p.piece_start AND d.day < p.piece_end
         UNION ALL
         SELECT r.responses, r.promoters, r.passives, r.detractors, r.score_sum
           FROM nps_rollup_15m r
          WHERE NOT p.daily AND r.environment_id = :environmentId
            AND r.slot >= p.piece_start AND r.slot < p.piece_end
       ) x
       GROUP BY p.position`,
    { environmentId, ...rollupPieceParameters(rollupPieces(windows)) },
  );
}
