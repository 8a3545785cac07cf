-- The SQL TransitionsRepository (segmentTransitions) sends, rendered for example inputs from
-- transitions.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale. Do
-- not edit.

-- -------------------------------------------------------------------------------------------------
-- TransitionsRepository.counts
-- Example: Two years, without a filter.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-01-01T00:00:00.000Z'
--   $3 :to = '2026-01-01T00:00:00.000Z'
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
--   $4 :fromSegment = 'PROMOTER'
--   $5 :toSegment = 'DETRACTOR'
--   $6 :limit = 20
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
