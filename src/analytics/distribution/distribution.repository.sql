-- The SQL DistributionRepository (scoreDistribution) sends, rendered for example inputs from
-- distribution.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale.
-- Do not edit.

-- -------------------------------------------------------------------------------------------------
-- DistributionRepository.scoreCountsPerWindow: from the 15-minute rollup
-- Example: ALL_RESPONSES without a filter, a quarter on slot boundaries.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per window (position 1…n): the responses of each score 0…10 in its slots.
SELECT w.position, slots.counts
  FROM unnest(:windowStarts::timestamptz[], :windowEnds::timestamptz[])
       WITH ORDINALITY AS w(window_start, window_end, position)
 CROSS JOIN LATERAL (
   SELECT ARRAY[coalesce(sum(r.score_0), 0)::int, coalesce(sum(r.score_1), 0)::int, coalesce(sum(r.score_2), 0)::int, coalesce(sum(r.score_3), 0)::int, coalesce(sum(r.score_4), 0)::int, coalesce(sum(r.score_5), 0)::int, coalesce(sum(r.score_6), 0)::int, coalesce(sum(r.score_7), 0)::int, coalesce(sum(r.score_8), 0)::int, coalesce(sum(r.score_9), 0)::int, coalesce(sum(r.score_10), 0)::int] AS counts
     FROM nps_rollup_15m r
    WHERE r.environment_id = :environmentId AND r.slot >= w.window_start AND r.slot < w.window_end
 ) slots;

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
