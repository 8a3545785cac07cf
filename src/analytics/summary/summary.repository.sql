-- The SQL SummaryRepository (npsSummary) sends, rendered for example inputs from
-- sql/window-counts.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is
-- stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- SummaryRepository.countsPerPeriod: from the 15-minute rollup
-- Example: ALL_RESPONSES without a filter, a quarter and the period before it (compareToPrevious),
--          on slot boundaries.
-- Parameters:
--   $1 :pieceStarts = ARRAY['2026-01-01T00:00:00.000Z', '2025-10-03T00:00:00.000Z']
--   $2 :pieceEnds = ARRAY['2026-04-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']
--   $3 :piecePositions = ARRAY[1, 2]
--   $4 :pieceDaily = ARRAY[true, true]
--   $5 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
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
 GROUP BY p.position;

-- -------------------------------------------------------------------------------------------------
-- SummaryRepository.countsPerPeriod: rows for the edges of an unaligned period
-- Example: ALL_RESPONSES without a filter from 09:07 to 17:41:30; the rollup answers the aligned
--          middle (statement above), rows the two edges shorter than 15 minutes.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T09:07:00.000Z', '2026-03-31T17:30:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-01T09:15:00.000Z', '2026-03-31T17:41:30.000Z']
--   $3 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per window (position 1…n) that has responses: its category counts.
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
SELECT position,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM chosen
 GROUP BY position;

-- -------------------------------------------------------------------------------------------------
-- SummaryRepository.countsPerPeriod: from rows
-- Example: LATEST_PER_PERSON with the filter plan = 'pro', a quarter and the period before it.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z', '2025-10-03T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']
--   $3 :filter1Property = 'plan'
--   $4 :filter1Value = 'pro'
--   $5 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per window (position 1…n) that has responses: its category counts.
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
SELECT position,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM chosen
 GROUP BY position;

-- -------------------------------------------------------------------------------------------------
-- SummaryRepository.countsPerPeriod: overlapping windows from rows, by piece
-- Example: ALL_RESPONSES with the filter plan = 'pro' for alert rules' windows (7 days and the 28
--          or 56 before them, cut into the disjoint pieces they cover); responses of each piece
--          checked against the matching users, hashed once.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-28T00:00:00.000Z', '2026-02-25T00:00:00.000Z', '2026-03-25T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-02-25T00:00:00.000Z', '2026-03-25T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :filter1Property = 'plan'
--   $5 :filter1Value = 'pro'
-- -------------------------------------------------------------------------------------------------
-- One row per window (position 1…n) that has responses: its category counts.
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
                AND (r.user_id IN (SELECT u.id FROM users u
                                    WHERE u.environment_id = :environmentId
                                      AND (u.properties ->> :filter1Property) = :filter1Value::text)) IS TRUE
           ) base
            WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0
         ) b
     )
SELECT position,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM chosen
 GROUP BY position;
