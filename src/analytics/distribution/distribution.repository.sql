-- The SQL DistributionRepository (scoreDistribution) sends, rendered for example inputs from
-- distribution.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale.
-- Do not edit.

-- -------------------------------------------------------------------------------------------------
-- DistributionRepository.scoreCountsPerWindow: from the 15-minute rollup
-- Example: ALL_RESPONSES without a filter, a quarter on slot boundaries.
-- Parameters:
--   $1 :pieceStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :pieceEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :piecePositions = ARRAY[1]
--   $4 :pieceDaily = ARRAY[true]
--   $5 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per window (position 1…n) with rollup rows: the responses of each score 0…10.
SELECT p.position, ARRAY[sum(x.score_0)::int, sum(x.score_1)::int, sum(x.score_2)::int, sum(x.score_3)::int, sum(x.score_4)::int, sum(x.score_5)::int, sum(x.score_6)::int, sum(x.score_7)::int, sum(x.score_8)::int, sum(x.score_9)::int, sum(x.score_10)::int] AS counts
  FROM unnest(:pieceStarts::timestamptz[], :pieceEnds::timestamptz[], :piecePositions::int[],
              :pieceDaily::boolean[]) AS p(piece_start, piece_end, position, daily)
 CROSS JOIN LATERAL (
   SELECT score_0, score_1, score_2, score_3, score_4, score_5, score_6, score_7, score_8, score_9, score_10 FROM nps_rollup_1d d
    WHERE p.daily AND d.environment_id = :environmentId
      AND d.day >= p.piece_start AND d.day < p.piece_end
   UNION ALL
   SELECT score_0, score_1, score_2, score_3, score_4, score_5, score_6, score_7, score_8, score_9, score_10 FROM nps_rollup_15m r
    WHERE NOT p.daily AND r.environment_id = :environmentId
      AND r.slot >= p.piece_start AND r.slot < p.piece_end
 ) x
 GROUP BY p.position;

-- -------------------------------------------------------------------------------------------------
-- DistributionRepository.scoreCountsPerWindow: rows for the edges of an unaligned range
-- Example: ALL_RESPONSES without a filter from 09:07 to 17:41:30; the rollup answers the aligned
--          middle, rows the two edges shorter than 15 minutes.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T09:07:00.000Z', '2026-03-31T17:30:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-01T09:15:00.000Z', '2026-03-31T17:41:30.000Z']
--   $3 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, score) that has responses: how many.
WITH windows AS (
       SELECT * FROM unnest(:windowStarts::timestamptz[], :windowEnds::timestamptz[])
                     WITH ORDINALITY AS w(window_start, window_end, position)
     ),
     chosen AS (
       SELECT w.position, b.*
         FROM windows w CROSS JOIN LATERAL (
           SELECT * FROM (
             SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                    r.user_id, r.comment, r.email, r.person_id, r.response_id
               FROM survey_responses r
              WHERE r.environment_id = :environmentId AND r.is_nps
           ) base
            WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0
         ) b
     )
SELECT position, score, count(*)::int AS responses
  FROM chosen
 GROUP BY position, score;

-- -------------------------------------------------------------------------------------------------
-- DistributionRepository.scoreCountsPerWindow: from rows
-- Example: LATEST_PER_PERSON with the filter plan = 'pro', a quarter.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :filter1Property = 'plan'
--   $4 :filter1Value = 'pro'
--   $5 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, score) that has responses: how many.
WITH windows AS (
       SELECT * FROM unnest(:windowStarts::timestamptz[], :windowEnds::timestamptz[])
                     WITH ORDINALITY AS w(window_start, window_end, position)
     ),
     chosen AS (
       SELECT DISTINCT ON (w.position, b.person) w.position, b.*
         FROM windows w CROSS JOIN LATERAL (
           SELECT * FROM (
             SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                    r.user_id, r.comment, r.email, r.person_id, r.response_id
               FROM survey_responses r
               JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                           AND (u.properties ->> :filter1Property) = :filter1Value::text
              WHERE r.environment_id = :environmentId AND r.is_nps
           ) base
            WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0
         ) b
        ORDER BY w.position, b.person, b.responded_at DESC, b.id DESC
     )
SELECT position, score, count(*)::int AS responses
  FROM chosen
 GROUP BY position, score;
