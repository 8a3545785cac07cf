-- The SQL TransitionsRepository (segmentTransitions) sends, rendered for example inputs from
-- transitions.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale. Do
-- not edit.

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.counts: responses around the range (which way to count)
-- Example: Two years, without a filter.
-- Parameters:
--   $1 :from = '2024-01-01T00:00:00.000Z'
--   $2 :to = '2026-01-01T00:00:00.000Z'
--   $3 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row: "before" (days ending by :from), "inside" and "after" (days from :to on).
SELECT coalesce(sum(d.responses) FILTER (WHERE d.day + interval '1 day' <= :from::timestamptz), 0)::int AS before,
       coalesce(sum(d.responses) FILTER (WHERE d.day >= :to::timestamptz), 0)::int AS after,
       coalesce(sum(d.responses), 0)::int AS total
  FROM nps_rollup_1d d
 WHERE d.environment_id = :environmentId;

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.counts: the totals less the pairs outside the range
-- Example: Two years, without a filter, few responses outside them.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-01-01T00:00:00.000Z'
--   $3 :to = '2026-01-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row per (from, to) cell with pairs: its count; and one total row (from and to null)
-- with the pairs and the respondents having two or more responses in the range.
WITH before_range AS (
  SELECT CASE WHEN p.previous_score >= 9 THEN 'PROMOTER' WHEN p.previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "from", CASE WHEN p.score >= 9 THEN 'PROMOTER' WHEN p.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "to", count(*) AS pairs
    FROM response_pairs p
   WHERE p.environment_id = :environmentId AND p.previous_at < :from::timestamptz
   GROUP BY 1, 2
),
after_range AS (
  SELECT CASE WHEN p.previous_score >= 9 THEN 'PROMOTER' WHEN p.previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "from", CASE WHEN p.score >= 9 THEN 'PROMOTER' WHEN p.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "to", count(*) AS pairs,
         count(*) FILTER (WHERE p.previous_at < :from::timestamptz) AS spanning,
         count(*) FILTER (WHERE p.chain_at IS NOT NULL) AS chained,
         count(*) FILTER (WHERE p.chain_at < :from::timestamptz) AS chained_spanning
    FROM response_pairs p
   WHERE p.environment_id = :environmentId AND p.responded_at >= :to::timestamptz
   GROUP BY 1, 2
),
cells AS (
  SELECT t.previous_segment AS "from", t.segment AS "to",
         t.pairs - coalesce(b.pairs, 0) - coalesce(a.pairs, 0) + coalesce(a.spanning, 0) AS pairs,
         t.chained - coalesce(a.chained, 0) + coalesce(a.chained_spanning, 0) AS chained_before_to
    FROM response_pair_counts totals
   CROSS JOIN LATERAL (VALUES ('PROMOTER', 'PROMOTER', totals.promoter_promoter, totals.chained_promoter_promoter),
                              ('PROMOTER', 'PASSIVE', totals.promoter_passive, totals.chained_promoter_passive),
                              ('PROMOTER', 'DETRACTOR', totals.promoter_detractor, totals.chained_promoter_detractor),
                              ('PASSIVE', 'PROMOTER', totals.passive_promoter, totals.chained_passive_promoter),
                              ('PASSIVE', 'PASSIVE', totals.passive_passive, totals.chained_passive_passive),
                              ('PASSIVE', 'DETRACTOR', totals.passive_detractor, totals.chained_passive_detractor),
                              ('DETRACTOR', 'PROMOTER', totals.detractor_promoter, totals.chained_detractor_promoter),
                              ('DETRACTOR', 'PASSIVE', totals.detractor_passive, totals.chained_detractor_passive),
                              ('DETRACTOR', 'DETRACTOR', totals.detractor_detractor, totals.chained_detractor_detractor)) AS t(previous_segment, segment, pairs, chained)
    LEFT JOIN before_range b ON b."from" = t.previous_segment AND b."to" = t.segment
    LEFT JOIN after_range a ON a."from" = t.previous_segment AND a."to" = t.segment
   WHERE totals.environment_id = :environmentId
),
chained_before_from AS (
  SELECT count(*) AS pairs FROM response_pairs p
   WHERE p.environment_id = :environmentId AND p.chain_at < :from::timestamptz
)
SELECT "from", "to", pairs::int AS pairs, NULL::int AS respondents, false AS total
  FROM cells WHERE pairs > 0
UNION ALL
SELECT NULL, NULL, coalesce(sum(c.pairs), 0)::int,
       (coalesce(sum(c.pairs), 0) - coalesce(sum(c.chained_before_to), 0)
        + (SELECT pairs FROM chained_before_from))::int,
       true
  FROM cells c;

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.counts: the pairs inside the range
-- Example: One quarter of the two years, without a filter.
-- Parameters:
--   $1 :from = '2025-04-01T00:00:00.000Z'
--   $2 :environmentId = '1'
--   $3 :to = '2025-07-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row per (from, to) cell with pairs: its count; and one total row (from and to null)
-- with the pairs and the respondents having two or more responses in the range.
SELECT CASE WHEN p.previous_score >= 9 THEN 'PROMOTER' WHEN p.previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "from", CASE WHEN p.score >= 9 THEN 'PROMOTER' WHEN p.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "to",
       count(*)::int AS pairs,
       count(*) FILTER (WHERE p.chain_at IS NULL OR p.chain_at < :from::timestamptz)::int AS respondents,
       grouping(CASE WHEN p.previous_score >= 9 THEN 'PROMOTER' WHEN p.previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END, CASE WHEN p.score >= 9 THEN 'PROMOTER' WHEN p.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END) = 3 AS total
  FROM response_pairs p
 WHERE p.environment_id = :environmentId
   AND p.previous_at >= :from::timestamptz AND p.previous_at < :to::timestamptz
   AND p.responded_at < :to::timestamptz
 GROUP BY GROUPING SETS ((1, 2), ());

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.counts
-- Example: Two years, with the filter plan = 'pro'.
-- Parameters:
--   $1 :filter1Property = 'plan'
--   $2 :filter1Value = 'pro'
--   $3 :environmentId = '1'
--   $4 :from = '2024-01-01T00:00:00.000Z'
--   $5 :to = '2026-01-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row per (from, to) cell with pairs: its count; and one total row (from and to null)
-- with the pairs and the respondents having two or more responses in the range.
WITH paired AS (
       SELECT b.*,
              lag(b.score) OVER w AS previous_score, lag(b.responded_at) OVER w AS previous_at
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
             JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                         AND (u.properties ->> :filter1Property) = :filter1Value::text
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.responded_at >= :from::timestamptz AND b.responded_at < :to::timestamptz
       WINDOW w AS (PARTITION BY b.person ORDER BY b.responded_at, b.id)
     )
SELECT CASE WHEN previous_score >= 9 THEN 'PROMOTER' WHEN previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "from", CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS "to",
       count(*)::int AS pairs, count(DISTINCT person)::int AS respondents,
       grouping(CASE WHEN previous_score >= 9 THEN 'PROMOTER' WHEN previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END, CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END) = 3 AS total
  FROM paired
 WHERE previous_score IS NOT NULL
 GROUP BY GROUPING SETS ((1, 2), ());

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.pairs
-- Example: Two years without a filter: the 20 latest promoters who became detractors.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-01-01T00:00:00.000Z'
--   $3 :to = '2026-01-01T00:00:00.000Z'
--   $4 :fromLow = 9
--   $5 :fromHigh = 10
--   $6 :toLow = 0
--   $7 :toHigh = 6
--   $8 :limit = 20
-- -------------------------------------------------------------------------------------------------
-- Up to :limit pairs of the cell, the latest first: the respondent, both scores and times,
-- and the matched user.
SELECT r.email, r.person_id AS "personId", p.previous_score AS "previousScore",
       p.previous_at AS "previousAt", p.score, p.responded_at AS "respondedAt", r.comment,
       mu.identity AS "userIdentity", mu.properties AS "userProperties", mu.id AS "userId"
  FROM (
    SELECT p.response_row_id, p.previous_score, p.previous_at, p.score, p.responded_at
      FROM response_pairs p
     WHERE p.environment_id = :environmentId
       AND p.previous_at >= :from::timestamptz AND p.responded_at < :to::timestamptz
       AND p.previous_score BETWEEN :fromLow::int AND :fromHigh::int
       AND p.score BETWEEN :toLow::int AND :toHigh::int
     ORDER BY p.responded_at DESC, p.response_row_id DESC
     LIMIT :limit
  ) p
  JOIN survey_responses r ON r.environment_id = :environmentId AND r.id = p.response_row_id
  LEFT JOIN users mu ON mu.environment_id = :environmentId AND mu.id = r.user_id
 ORDER BY p.responded_at DESC, p.response_row_id DESC;

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.pairs
-- Example: Two years with the filter plan = 'pro': the 20 latest promoters who became detractors.
-- Parameters:
--   $1 :filter1Property = 'plan'
--   $2 :filter1Value = 'pro'
--   $3 :environmentId = '1'
--   $4 :from = '2024-01-01T00:00:00.000Z'
--   $5 :to = '2026-01-01T00:00:00.000Z'
--   $6 :fromSegment = 'PROMOTER'
--   $7 :toSegment = 'DETRACTOR'
--   $8 :limit = 20
-- -------------------------------------------------------------------------------------------------
-- Up to :limit pairs of the cell, the latest first: the respondent, both scores and times,
-- and the matched user.
WITH paired AS (
       SELECT b.*,
              lag(b.score) OVER w AS previous_score, lag(b.responded_at) OVER w AS previous_at
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
             JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                         AND (u.properties ->> :filter1Property) = :filter1Value::text
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.responded_at >= :from::timestamptz AND b.responded_at < :to::timestamptz
       WINDOW w AS (PARTITION BY b.person ORDER BY b.responded_at, b.id)
     )
SELECT p.email, p.person_id AS "personId", p.previous_score AS "previousScore",
       p.previous_at AS "previousAt", p.score, p.responded_at AS "respondedAt", p.comment,
       mu.identity AS "userIdentity", mu.properties AS "userProperties", mu.id AS "userId"
  FROM paired p
  LEFT JOIN users mu ON mu.environment_id = :environmentId AND mu.id = p.user_id
 WHERE p.previous_score IS NOT NULL
   AND CASE WHEN p.previous_score >= 9 THEN 'PROMOTER' WHEN p.previous_score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END = :fromSegment AND CASE WHEN p.score >= 9 THEN 'PROMOTER' WHEN p.score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END = :toSegment
 ORDER BY p.responded_at DESC, p.id DESC
 LIMIT :limit;
