-- The SQL ThemesRepository (themeImpact, themeTrend, themeSuggestions, themeActivity,
-- sentimentSplit) sends, rendered for example inputs from themes.sql.ts and
-- sql/response-scope.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is
-- stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themeNames
-- Example: environment 1.
-- Parameters:
--   $1 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per theme of the dictionary, in its order.
SELECT id::text, name FROM comment_themes WHERE environment_id = :environmentId ORDER BY position, id;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themePatterns
-- Example: environment 1 (themeSuggestions leaves out what they match).
-- Parameters:
--   $1 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per theme: id, name and patterns.
SELECT id::text, name, patterns FROM comment_themes WHERE environment_id = :environmentId ORDER BY position, id;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themeCounts (themeImpact)
-- Example: two years from 2024-01-01 10:30 UTC, ALL_RESPONSES, no filter: whole days from the
--          rollups, the two partial days from rows.
-- Parameters:
--   $1 :windowStarts = ARRAY['2024-01-01T10:30:00.000Z', '2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2024-01-02T00:00:00.000Z', '2026-01-01T10:30:00.000Z']
--   $3 :environmentId = '1'
--   $4 :daysFrom = '2024-01-02T00:00:00.000Z'
--   $5 :daysTo = '2026-01-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row with "themeId" null (all responses, "commented" those whose comment holds words), then
-- one row per mentioned theme of the dictionary: category counts of the responses mentioning it.
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
     ),
analysed AS (
  -- LIMIT 1 (a key lookup): one index probe per edge response, never a hash of every
  -- analysis of the environment, whatever the statistics say.
  SELECT c.score, a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
    FROM chosen c
    LEFT JOIN LATERAL (
      SELECT a.sentiment_score, a.theme_ids FROM comment_analysis a
       WHERE a.environment_id = :environmentId AND a.response_row_id = c.id LIMIT 1
    ) a ON TRUE
),
counts AS (
  SELECT NULL::bigint AS theme_id, d.responses, d.promoters, d.passives, d.detractors, d.score_sum,
         0 AS commented
    FROM nps_rollup_1d d
   WHERE d.environment_id = :environmentId AND d.day >= :daysFrom::timestamptz AND d.day < :daysTo::timestamptz
  UNION ALL
  SELECT NULL, 0, 0, 0, 0, 0, m.responses
    FROM theme_mentions_1d m
   WHERE m.environment_id = :environmentId AND m.day >= :daysFrom::timestamptz AND m.day < :daysTo::timestamptz AND m.theme_id = 0
  UNION ALL
  SELECT m.theme_id, m.responses, m.promoters, m.passives, m.detractors, m.score_sum, m.responses
    FROM theme_mentions_1d m
   WHERE m.environment_id = :environmentId AND m.day >= :daysFrom::timestamptz AND m.day < :daysTo::timestamptz AND m.theme_id <> 0
  UNION ALL
  SELECT NULL, 1, (score >= 9)::int, (score BETWEEN 7 AND 8)::int, (score <= 6)::int, score,
         (sentiment_score IS NOT NULL)::int
    FROM analysed
  UNION ALL
  SELECT mention.theme_id, 1, (score >= 9)::int, (score BETWEEN 7 AND 8)::int, (score <= 6)::int,
         score, 1
    FROM analysed CROSS JOIN LATERAL unnest(theme_ids) AS mention(theme_id)
)
SELECT NULL::text AS "themeId", coalesce(sum(responses), 0)::int AS responses,
       coalesce(sum(promoters), 0)::int AS promoters, coalesce(sum(passives), 0)::int AS passives,
       coalesce(sum(detractors), 0)::int AS detractors, coalesce(sum(score_sum), 0)::int AS "scoreSum",
       coalesce(sum(commented), 0)::int AS commented
  FROM counts WHERE theme_id IS NULL
UNION ALL
SELECT t.id::text, sum(c.responses)::int, sum(c.promoters)::int, sum(c.passives)::int,
       sum(c.detractors)::int, sum(c.score_sum)::int, sum(c.commented)::int
  FROM counts c JOIN comment_themes t ON t.environment_id = :environmentId AND t.id = c.theme_id
 GROUP BY t.id
HAVING sum(c.responses) > 0;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themeCounts (themeImpact)
-- Example: two years, LATEST_PER_PERSON, no filter (rows).
-- Parameters:
--   $1 :windowStarts = ARRAY['2024-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-01T00:00:00.000Z']
--   $3 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row with "themeId" null (all responses, "commented" those whose comment holds words), then
-- one row per mentioned theme of the dictionary: category counts of the responses mentioning it.
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
     analysed AS (
       SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
              a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
         FROM chosen c
         LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
     )
SELECT NULL::text AS "themeId", count(*)::int AS responses,
                                count(*) FILTER (WHERE score >= 9)::int AS promoters,
                                count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
                                count(*) FILTER (WHERE score <= 6)::int AS detractors,
                                coalesce(sum(score), 0)::int AS "scoreSum",
       count(*) FILTER (WHERE sentiment_score IS NOT NULL)::int AS commented
  FROM analysed
UNION ALL
SELECT t.id::text, count(*)::int AS responses,
                   count(*) FILTER (WHERE score >= 9)::int AS promoters,
                   count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
                   count(*) FILTER (WHERE score <= 6)::int AS detractors,
                   coalesce(sum(score), 0)::int AS "scoreSum", count(*)::int
  FROM analysed m CROSS JOIN LATERAL unnest(m.theme_ids) AS mention(theme_id)
  JOIN comment_themes t ON t.environment_id = :environmentId AND t.id = mention.theme_id
 GROUP BY t.id;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themeCounts (themeImpact)
-- Example: a quarter, LATEST_PER_PERSON, filter plan = 'pro'.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :filter1Property = 'plan'
--   $4 :filter1Value = 'pro'
--   $5 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row with "themeId" null (all responses, "commented" those whose comment holds words), then
-- one row per mentioned theme of the dictionary: category counts of the responses mentioning it.
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
     analysed AS (
       SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
              a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
         FROM chosen c
         LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
     )
SELECT NULL::text AS "themeId", count(*)::int AS responses,
                                count(*) FILTER (WHERE score >= 9)::int AS promoters,
                                count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
                                count(*) FILTER (WHERE score <= 6)::int AS detractors,
                                coalesce(sum(score), 0)::int AS "scoreSum",
       count(*) FILTER (WHERE sentiment_score IS NOT NULL)::int AS commented
  FROM analysed
UNION ALL
SELECT t.id::text, count(*)::int AS responses,
                   count(*) FILTER (WHERE score >= 9)::int AS promoters,
                   count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
                   count(*) FILTER (WHERE score <= 6)::int AS detractors,
                   coalesce(sum(score), 0)::int AS "scoreSum", count(*)::int
  FROM analysed m CROSS JOIN LATERAL unnest(m.theme_ids) AS mention(theme_id)
  JOIN comment_themes t ON t.environment_id = :environmentId AND t.id = mention.theme_id
 GROUP BY t.id;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themeTrend
-- Example: theme 3, three ISO weeks.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-05T00:00:00.000Z', '2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-01-12T00:00:00.000Z', '2026-01-19T00:00:00.000Z', '2026-01-26T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :themeId = '3'
-- -------------------------------------------------------------------------------------------------
-- One row per bucket that has responses (position = the bucket's 1-based place).
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
     ),
     analysed AS (
       SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
              a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
         FROM chosen c
         LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
     )
SELECT position::int, count(*)::int AS responses,
       count(*) FILTER (WHERE sentiment_score IS NOT NULL)::int AS commented,
       count(*) FILTER (WHERE :themeId::bigint = ANY(theme_ids))::int AS mentions
  FROM analysed GROUP BY position ORDER BY position;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.sentimentSplit
-- Example: a quarter, ALL_RESPONSES, no filter.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row per segment with comments: how many are positive (≥ 0.05), neutral, negative (≤ −0.05).
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
     ),
     analysed AS (
       SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
              a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
         FROM chosen c
         LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
     )
SELECT CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS segment,
       count(*)::int AS commented,
       count(*) FILTER (WHERE sentiment_score >= 0.05)::int AS positive,
       count(*) FILTER (WHERE sentiment_score > -0.05 AND sentiment_score < 0.05)::int AS neutral,
       count(*) FILTER (WHERE sentiment_score <= -0.05)::int AS negative,
       avg(sentiment_score)::float8 AS "meanScore"
  FROM analysed WHERE sentiment_score IS NOT NULL
 GROUP BY 1;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.suggestionComments (themeSuggestions)
-- Example: a quarter, the newest 20,000 comments of detractors and promoters.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :limit = 20000
-- -------------------------------------------------------------------------------------------------
-- Up to :limit commented detractor or promoter responses, newest first: segment and comment.
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
     ),
     analysed AS (
       SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
              a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
         FROM chosen c
         LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
     )
SELECT CASE WHEN score >= 9 THEN 'PROMOTER' ELSE 'DETRACTOR' END AS segment, comment
  FROM analysed
 WHERE sentiment_score IS NOT NULL AND (score >= 9 OR score <= 6)
 ORDER BY responded_at DESC, id DESC LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- ThemesRepository.themeActivity
-- Example: theme 3, a quarter, 30-day windows.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :themeId = '3'
--   $5 :windowDays = 30
-- -------------------------------------------------------------------------------------------------
-- Rows with "eventType" null: respondents per group; other rows: per group and event type,
-- respondents who did it, and the sum and sum of squares of their counts.
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
     ),
     analysed AS (
       SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
              a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
         FROM chosen c
         LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
     ),
grouped AS (
  SELECT id, user_id, responded_at, :themeId::bigint = ANY(theme_ids) AS mentions
    FROM analysed WHERE sentiment_score IS NOT NULL AND user_id IS NOT NULL
),
counted AS (
  SELECT g.mentions, e.name, g.id, count(*)::bigint AS n
    FROM grouped g
    JOIN events e ON e.environment_id = :environmentId AND e.user_id = g.user_id
                 AND e.time >= g.responded_at - make_interval(days => :windowDays)
                 AND e.time < g.responded_at
   GROUP BY g.mentions, e.name, g.id
)
SELECT mentions, NULL::text AS "eventType", count(*)::int AS respondents,
       0::float8 AS sum, 0::float8 AS "sumOfSquares"
  FROM grouped GROUP BY mentions
UNION ALL
SELECT mentions, name, count(*)::int, sum(n)::float8, sum(n * n)::float8
  FROM counted GROUP BY mentions, name;
