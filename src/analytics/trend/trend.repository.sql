-- The SQL TrendRepository (npsTrend) sends, rendered for example inputs from
-- sql/engagement-tiers.sql.ts, sql/engagement-histogram.sql.ts and sql/window-counts.sql.ts by `npm
-- run sql:render`; `npm run sql:check` fails when this file is stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- TrendRepository.countsPerWindow: from the 15-minute rollup
-- Example: ALL_RESPONSES without a filter, three UTC weeks (any zone: offsets are whole slots).
-- Parameters:
--   $1 :pieceStarts = ARRAY['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :pieceEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
--   $3 :piecePositions = ARRAY[1, 2, 3]
--   $4 :pieceDaily = ARRAY[true, true, true]
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
-- TrendRepository.countsPerWindow: rows for the edges of unaligned windows
-- Example: ALL_RESPONSES without a filter, the range starting at 09:07; the rollup answers the
--          aligned middles (statement above), rows the edge shorter than 15 minutes.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T09:07:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-05T09:15:00.000Z']
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
-- TrendRepository.countsPerWindow: from rows
-- Example: LATEST_PER_PERSON without a filter, three UTC weeks.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
--   $3 :environmentId = '1'
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
-- TrendRepository.countsPerWindow: from rows
-- Example: ALL_RESPONSES with the filter plan = 'pro', three UTC weeks.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
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
       SELECT w.position, b.*
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
-- TrendRepository.countsPerWindowAndTier: from the daily engagement histogram
-- Example: ALL_RESPONSES without a filter, the three weeks with the range starting at 09:07 (its
--          first UTC day is an edge read from response_engagement_30d), engagement over the default
--          30 days, thresholds [1, 5, 20], every event type.
-- Parameters:
--   $1 :dayStarts = ARRAY['2026-01-06T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :dayEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
--   $3 :dayPositions = ARRAY[1, 2, 3]
--   $4 :environmentId = '1'
--   $5 :edgeStarts = ARRAY['2026-01-05T09:07:00.000Z']
--   $6 :edgeEnds = ARRAY['2026-01-06T00:00:00.000Z']
--   $7 :edgePositions = ARRAY[1]
--   $8 :thresholds = ARRAY[1, 5, 20]
-- -------------------------------------------------------------------------------------------------
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
 GROUP BY 1, 2;

-- -------------------------------------------------------------------------------------------------
-- TrendRepository.countsPerWindowAndTier: events from response_activity_30d
-- Example: LATEST_PER_PERSON without a filter, three UTC weeks, engagement over the default 30
--          days, thresholds [1, 5, 20], every event type.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :thresholds = ARRAY[1, 5, 20]
--   $5 :eventTypes = NULL
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, tier) that has responses: their category counts; tier is
-- null for responses not matched to a user.
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
              WHERE r.environment_id = :environmentId AND r.is_nps
           ) base
            WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0
         ) b
        ORDER BY w.position, b.person, b.responded_at DESC, b.id DESC
     ),
     tiered AS (
       SELECT c.position, c.score,
              CASE WHEN c.user_id IS NULL THEN NULL
                   ELSE width_bucket(activity.events, :thresholds::int[]) END AS tier
         FROM chosen c
         LEFT JOIN LATERAL (
           SELECT coalesce(sum(a.events), 0)::int AS events FROM response_activity_30d a
            WHERE a.environment_id = :environmentId AND a.response_row_id = c.id
              AND (:eventTypes::text[] IS NULL OR a.name = ANY(:eventTypes::text[]))
         ) activity ON c.user_id IS NOT NULL
     )
SELECT position, tier,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM tiered
 GROUP BY position, tier;

-- -------------------------------------------------------------------------------------------------
-- TrendRepository.countsPerWindowAndTier: events counted from events
-- Example: LATEST_PER_PERSON with the filter plan = 'pro', three UTC weeks, engagement over 90 days
--          of Create Report and Share Report, thresholds [1, 5].
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
--   $3 :filter1Property = 'plan'
--   $4 :filter1Value = 'pro'
--   $5 :environmentId = '1'
--   $6 :thresholds = ARRAY[1, 5]
--   $7 :windowDays = 90
--   $8 :eventTypes = ARRAY['Create Report', 'Share Report']
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, tier) that has responses: their category counts; tier is
-- null for responses not matched to a user.
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
     ),
     tiered AS (
       SELECT c.position, c.score,
              CASE WHEN c.user_id IS NULL THEN NULL
                   ELSE width_bucket(activity.events, :thresholds::int[]) END AS tier
         FROM chosen c
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS events FROM events e
            WHERE e.environment_id = :environmentId AND e.user_id = c.user_id
              AND e.time >= c.responded_at - make_interval(hours => 24 * :windowDays::int)
              AND e.time < c.responded_at
              AND (CASE WHEN :eventTypes::text[] IS NULL THEN e.name <> 'Submit Survey'
                        ELSE e.name = ANY(:eventTypes::text[]) END)
         ) activity ON c.user_id IS NOT NULL
     )
SELECT position, tier,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM tiered
 GROUP BY position, tier;

-- -------------------------------------------------------------------------------------------------
-- TrendRepository.activityHistogram: events from response_activity_30d
-- Example: Automatic tiers: ALL_RESPONSES without a filter, the three UTC weeks as one range,
--          engagement over the default 30 days, every event type.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-26T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :eventTypes = NULL
-- -------------------------------------------------------------------------------------------------
-- One row per activity count that occurs among the range's matched responses (ascending):
-- the count and how many responses have it.
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
SELECT activity.events, count(*)::int AS responses
  FROM chosen c
 CROSS JOIN LATERAL (
   SELECT coalesce(sum(a.events), 0)::int AS events FROM response_activity_30d a
    WHERE a.environment_id = :environmentId AND a.response_row_id = c.id
      AND (:eventTypes::text[] IS NULL OR a.name = ANY(:eventTypes::text[]))
 ) activity
 WHERE c.user_id IS NOT NULL
 GROUP BY activity.events
 ORDER BY activity.events;

-- -------------------------------------------------------------------------------------------------
-- TrendRepository.activityHistogram: events counted from events
-- Example: Automatic tiers: LATEST_PER_PERSON with the filter plan = 'pro', the three weeks as one
--          range, 90 days of Create Report.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-26T00:00:00.000Z']
--   $3 :filter1Property = 'plan'
--   $4 :filter1Value = 'pro'
--   $5 :environmentId = '1'
--   $6 :windowDays = 90
--   $7 :eventTypes = ARRAY['Create Report']
-- -------------------------------------------------------------------------------------------------
-- One row per activity count that occurs among the range's matched responses (ascending):
-- the count and how many responses have it.
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
SELECT activity.events, count(*)::int AS responses
  FROM chosen c
 CROSS JOIN LATERAL (
   SELECT count(*)::int AS events FROM events e
    WHERE e.environment_id = :environmentId AND e.user_id = c.user_id
      AND e.time >= c.responded_at - make_interval(hours => 24 * :windowDays::int)
      AND e.time < c.responded_at
      AND (CASE WHEN :eventTypes::text[] IS NULL THEN e.name <> 'Submit Survey'
                ELSE e.name = ANY(:eventTypes::text[]) END)
 ) activity
 WHERE c.user_id IS NOT NULL
 GROUP BY activity.events
 ORDER BY activity.events;
