import type { NamedSql } from '../../database/named-sql';
import { sql, withParameters } from '../sql/named-fragment';
import { Dedupe, ResponseScope, windowBounds, windowedResponses } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';

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
 * Responses per score per window from the 15-minute rollup's score columns: exact for
 * ALL_RESPONSES without a filter over slot-aligned windows.
 */
export function scoreCountsFromRollupStatement(
  environmentId: string,
  windows: readonly TimeWindow[],
): NamedSql {
  const sums = SCORES.map((score) => `coalesce(sum(r.score_${score}), 0)::int`).join(', ');
  return withParameters(
    sql`
      -- One row per window (position 1…n): the responses of each score 0…10 in its slots.
      SELECT w.position, slots.counts
        FROM unnest(:windowStarts::timestamptz[], :windowEnds::timestamptz[])
             WITH ORDINALITY AS w(window_start, window_end, position)
       CROSS JOIN LATERAL (
         SELECT ARRAY[${sums}] AS counts
           FROM nps_rollup_15m r
          WHERE r.environment_id = :environmentId AND r.slot >= w.window_start AND r.slot < w.window_end
       ) slots`,
    { environmentId, ...windowBounds(windows) },
  );
}
