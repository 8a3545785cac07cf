-- The SQL ChangeRepository (npsChange) sends, rendered for example inputs from change.sql.ts and
-- sql/engagement-tiers.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is
-- stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- ChangeRepository.countsPerWindowAndTier: from the daily engagement histogram
-- Example: ALL_RESPONSES without a filter, two 90-day periods ending at 14:00 UTC (whole days and
--          edges), engagement over the default 30 days and every type, thresholds [1, 5, 20].
-- Parameters:
--   $1 :dayStarts = ARRAY['2025-10-04T00:00:00.000Z', '2026-01-02T00:00:00.000Z']
--   $2 :dayEnds = ARRAY['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $3 :dayPositions = ARRAY[1, 2]
--   $4 :environmentId = '1'
--   $5 :edgeStarts = ARRAY['2025-10-03T14:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T14:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $6 :edgeEnds = ARRAY['2025-10-04T00:00:00.000Z', '2026-01-01T14:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-04-01T14:00:00.000Z']
--   $7 :edgePositions = ARRAY[1, 1, 2, 2]
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
-- ChangeRepository.countsPerWindowAndTier (the statement of npsTrend with engagement)
-- Example: LATEST_PER_PERSON without a filter, two 90-day periods, engagement over the default 30
--          days, thresholds [1, 5, 20].
-- Parameters:
--   $1 :windowStarts = ARRAY['2025-10-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
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
-- ChangeRepository.countsPerWindowAndValue: from the daily breakdown property rollup
-- Example: ALL_RESPONSES without a filter, two 90-day periods ending at 14:00 UTC (whole days and
--          edges), by the breakdown property plan.
-- Parameters:
--   $1 :dayStarts = ARRAY['2025-10-04T00:00:00.000Z', '2026-01-02T00:00:00.000Z']
--   $2 :dayEnds = ARRAY['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $3 :dayPositions = ARRAY[1, 2]
--   $4 :environmentId = '1'
--   $5 :breakdownProperty = 'plan'
--   $6 :edgeStarts = ARRAY['2025-10-03T14:00:00.000Z', '2026-01-01T00:00:00.000Z', '2026-01-01T14:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $7 :edgeEnds = ARRAY['2025-10-04T00:00:00.000Z', '2026-01-01T14:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-04-01T14:00:00.000Z']
--   $8 :edgePositions = ARRAY[1, 1, 2, 2]
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, property value) with rollup rows or responses: their
-- category counts; value is null for unmatched responses and users without the property.
WITH tallies AS (
  SELECT d.position, t.value, t.responses, t.promoters, t.passives, t.detractors, t.score_sum
    FROM unnest(:dayStarts::timestamptz[], :dayEnds::timestamptz[], :dayPositions::int[])
         AS d(day_start, day_end, position)
   CROSS JOIN LATERAL (
     SELECT t.value, t.responses, t.promoters, t.passives, t.detractors, t.score_sum FROM property_nps_1d t
      WHERE t.environment_id = :environmentId AND t.property = :breakdownProperty::text
        AND t.day >= d.day_start AND t.day < d.day_end OFFSET 0
   ) t
  UNION ALL
  SELECT e.position, coalesce(nullif(btrim(u.properties ->> :breakdownProperty::text), ''), ''), 1,
         (r.score >= 9)::int, (r.score BETWEEN 7 AND 8)::int, (r.score <= 6)::int, r.score
    FROM unnest(:edgeStarts::timestamptz[], :edgeEnds::timestamptz[], :edgePositions::int[])
         AS e(edge_start, edge_end, position)
   CROSS JOIN LATERAL (
     SELECT r.score, r.user_id FROM survey_responses r
      WHERE r.environment_id = :environmentId AND r.is_nps
        AND r.responded_at >= e.edge_start AND r.responded_at < e.edge_end OFFSET 0
   ) r
    LEFT JOIN users u ON u.environment_id = :environmentId AND u.id = r.user_id
)
SELECT position, nullif(value, '') AS value, sum(responses)::int AS responses,
       sum(promoters)::int AS promoters, sum(passives)::int AS passives,
       sum(detractors)::int AS detractors, sum(score_sum)::int AS "scoreSum"
  FROM tallies
 GROUP BY 1, 2
HAVING sum(responses) > 0;

-- -------------------------------------------------------------------------------------------------
-- ChangeRepository.countsPerWindowAndValue
-- Example: ALL_RESPONSES without a filter, two 90-day periods, by the user property plan (not a
--          breakdown property).
-- Parameters:
--   $1 :windowStarts = ARRAY['2025-10-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :breakdownProperty = 'plan'
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, property value) that has responses: their category
-- counts; value is null for unmatched responses and users without the property.
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
SELECT c.position, nullif(btrim(pu.properties ->> :breakdownProperty::text), '') AS value,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM chosen c
  LEFT JOIN users pu ON pu.environment_id = :environmentId AND pu.id = c.user_id
 GROUP BY c.position, value;

-- -------------------------------------------------------------------------------------------------
-- ChangeRepository.countsPerWindowAndValue
-- Example: LATEST_PER_PERSON with the filter plan = 'pro', two 90-day periods, by the user property
--          country.
-- Parameters:
--   $1 :windowStarts = ARRAY['2025-10-03T00:00:00.000Z', '2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']
--   $3 :filter1Property = 'plan'
--   $4 :filter1Value = 'pro'
--   $5 :environmentId = '1'
--   $6 :breakdownProperty = 'country'
-- -------------------------------------------------------------------------------------------------
-- One row per (window position, property value) that has responses: their category
-- counts; value is null for unmatched responses and users without the property.
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
SELECT c.position, nullif(btrim(pu.properties ->> :breakdownProperty::text), '') AS value,
       count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM chosen c
  LEFT JOIN users pu ON pu.environment_id = :environmentId AND pu.id = c.user_id
 GROUP BY c.position, value;

-- -------------------------------------------------------------------------------------------------
-- ChangeRepository.propertyFacts
-- Example: Whether any user carries plan, and whether it is a breakdown property.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :property = 'plan'
-- -------------------------------------------------------------------------------------------------
-- One row: known is true when at least one user of the environment carries the property,
-- rolledUp when the environment keeps the property's daily counts.
SELECT EXISTS (
         SELECT 1 FROM users u WHERE u.environment_id = :environmentId AND u.properties ? :property::text
       ) AS known,
       EXISTS (
         SELECT 1 FROM environments e
          WHERE e.id = :environmentId AND :property::text = ANY(e.breakdown_properties)
       ) AS "rolledUp";
