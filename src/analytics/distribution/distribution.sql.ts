import type { NamedSql } from '../../database/named-sql';
import { sql, withParameters } from '../sql/named-fragment';
import { Dedupe, ResponseScope, windowedResponses } from '../sql/response-scope.sql';
import { type TimeWindow, rollupPieceParameters, rollupPieces } from '../sql/slots';

const SCORES = Array.from({ length: 11 }, (_, score) => score);

/** Responses per score (0–10) per window, counted from survey_responses (any dedupe, any filter). */
export function scoreCountsFromRowsStatement(
  scope: ResponseScope,
  windows: readonly TimeWindow[],
  dedupe: Dedupe,
): NamedSql {
  return sql`
    -- One row per (window position, score) that has responses: how many.
    WITH ${windowedResponses(scope, windows, dedupe)}
    SELECT position, score, count(*)::int AS responses
      FROM chosen
     GROUP BY position, score`;
}

/**
 * Responses per score per window from the rollups' score columns: exact for ALL_RESPONSES without
 * a filter over slot-aligned windows (whole UTC days from nps_rollup_1d, the rest from the slots).
 */
export function scoreCountsFromRollupStatement(
  environmentId: string,
  windows: readonly TimeWindow[],
): NamedSql {
  const columns = SCORES.map((score) => `score_${score}`).join(', ');
  const sums = SCORES.map((score) => `sum(x.score_${score})::int`).join(', ');
  return withParameters(
    sql`
      -- One row per window (position 1…n) with rollup rows: the responses of each score 0…10.
      SELECT p.position, ARRAY[${sums}] AS counts
        FROM unnest(:pieceStarts::timestamptz[], :pieceEnds::timestamptz[], :piecePositions::int[],
                    :pieceDaily::boolean[]) AS p(piece_start, piece_end, position, daily)
       CROSS JOIN LATERAL (
         SELECT ${columns} FROM nps_rollup_1d d
          WHERE p.daily AND d.environment_id = :environmentId
            AND d.day >= p.piece_start AND d.day < p.piece_end
         UNION ALL
         SELECT ${columns} FROM nps_rollup_15m r
          WHERE NOT p.daily AND r.environment_id = :environmentId
            AND r.slot >= p.piece_start AND r.slot < p.piece_end
       ) x
       GROUP BY p.position`,
    { environmentId, ...rollupPieceParameters(rollupPieces(windows)) },
  );
}
