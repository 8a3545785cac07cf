-- The SQL ResponsesRepository (surveyResponses) sends, rendered for example inputs from
-- responses.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale. Do
-- not edit.

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.listResponses
-- Example: every response, first page of 50 (51 rows: one tells there is more).
-- Parameters:
--   $1  :searchQuery = NULL
--   $2  :environmentId = '1'
--   $3  :from = NULL
--   $4  :to = NULL
--   $5  :low = NULL
--   $6  :high = NULL
--   $7  :search = NULL
--   $8  :sentiment = NULL
--   $9  :themeId = NULL
--   $10 :afterTime = NULL
--   $11 :afterId = NULL
--   $12 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit responses of any survey type after the cursor, with their user, sentiment and
-- themes; newest first, or with a search best match (ts_rank of the comment) first.
SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
       r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
       r.response_updated_at AS "updatedAt", r.source,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId",
       a.sentiment_score AS "sentimentScore",
       (SELECT coalesce(array_agg(t.id::text ORDER BY t.position), '{}') FROM comment_themes t
         WHERE t.environment_id = r.environment_id AND t.id = ANY(a.theme_ids)) AS "themeIds",
       CASE WHEN :searchQuery::text IS NULL THEN 0::real ELSE ts_rank(to_tsvector('english', coalesce(r.comment, '')), websearch_to_tsquery('english', :searchQuery)) END AS "searchRank"
  FROM survey_responses r
  LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
  LEFT JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id
  WHERE r.environment_id = :environmentId
        AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
        AND (:to::timestamptz IS NULL OR r.responded_at < :to)
        AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
        AND (:searchQuery::text IS NULL OR to_tsvector('english', coalesce(r.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
             OR r.email ILIKE :search OR r.response_id ILIKE :search OR r.person_id ILIKE :search)
        AND (:sentiment::text IS NULL OR CASE WHEN a.sentiment_score >= 0.05 THEN 'POSITIVE'
                                              WHEN a.sentiment_score <= -0.05 THEN 'NEGATIVE'
                                              WHEN a.sentiment_score IS NOT NULL THEN 'NEUTRAL' END = :sentiment)
        AND (:themeId::bigint IS NULL OR :themeId::bigint = ANY(a.theme_ids))
        AND TRUE
    AND (:afterTime::timestamptz IS NULL OR (r.responded_at, r.id) < (:afterTime::timestamptz, :afterId::bigint))
  ORDER BY r.responded_at DESC, r.id DESC
 LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.listResponses
-- Example: January 2026, PROMOTER (scores 9–10), search 'export', plan in ('pro', 'team'), the page
--          after a cursor.
-- Parameters:
--   $1  :searchQuery = 'export'
--   $2  :environmentId = '1'
--   $3  :from = '2026-01-01T00:00:00.000Z'
--   $4  :to = '2026-02-01T00:00:00.000Z'
--   $5  :low = 9
--   $6  :high = 10
--   $7  :search = '%export%'
--   $8  :sentiment = NULL
--   $9  :themeId = NULL
--   $10 :filter1Property = 'plan'
--   $11 :filter1Values = ARRAY['pro', 'team']
--   $12 :afterTime = '2026-01-20T10:00:00.000Z'
--   $13 :afterRank = NULL
--   $14 :afterId = '91544'
--   $15 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit responses of any survey type after the cursor, with their user, sentiment and
-- themes; newest first, or with a search best match (ts_rank of the comment) first.
SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
       r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
       r.response_updated_at AS "updatedAt", r.source,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId",
       a.sentiment_score AS "sentimentScore",
       (SELECT coalesce(array_agg(t.id::text ORDER BY t.position), '{}') FROM comment_themes t
         WHERE t.environment_id = r.environment_id AND t.id = ANY(a.theme_ids)) AS "themeIds",
       CASE WHEN :searchQuery::text IS NULL THEN 0::real ELSE ts_rank(to_tsvector('english', coalesce(r.comment, '')), websearch_to_tsquery('english', :searchQuery)) END AS "searchRank"
  FROM survey_responses r
  LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
  LEFT JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id
  WHERE r.environment_id = :environmentId
        AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
        AND (:to::timestamptz IS NULL OR r.responded_at < :to)
        AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
        AND (:searchQuery::text IS NULL OR to_tsvector('english', coalesce(r.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
             OR r.email ILIKE :search OR r.response_id ILIKE :search OR r.person_id ILIKE :search)
        AND (:sentiment::text IS NULL OR CASE WHEN a.sentiment_score >= 0.05 THEN 'POSITIVE'
                                              WHEN a.sentiment_score <= -0.05 THEN 'NEGATIVE'
                                              WHEN a.sentiment_score IS NOT NULL THEN 'NEUTRAL' END = :sentiment)
        AND (:themeId::bigint IS NULL OR :themeId::bigint = ANY(a.theme_ids))
        AND EXISTS (SELECT 1 FROM users fu
                     WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                       AND (fu.properties ->> :filter1Property) = ANY(:filter1Values::text[]))
    AND (:afterTime::timestamptz IS NULL
         OR (CASE WHEN :searchQuery::text IS NULL THEN 0::real ELSE ts_rank(to_tsvector('english', coalesce(r.comment, '')), websearch_to_tsquery('english', :searchQuery)) END, r.responded_at, r.id) < (:afterRank::real, :afterTime::timestamptz, :afterId::bigint))
  ORDER BY CASE WHEN :searchQuery::text IS NULL THEN 0::real ELSE ts_rank(to_tsvector('english', coalesce(r.comment, '')), websearch_to_tsquery('english', :searchQuery)) END DESC, r.responded_at DESC, r.id DESC
 LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.countResponses
-- Example: every response.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = NULL
--   $3 :to = NULL
--   $4 :low = NULL
--   $5 :high = NULL
--   $6 :searchQuery = NULL
--   $7 :search = NULL
--   $8 :sentiment = NULL
--   $9 :themeId = NULL
-- -------------------------------------------------------------------------------------------------
-- One row: the number of responses listed.
SELECT count(*)::int AS count FROM survey_responses r LEFT JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id
 WHERE r.environment_id = :environmentId
       AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
       AND (:to::timestamptz IS NULL OR r.responded_at < :to)
       AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
       AND (:searchQuery::text IS NULL OR to_tsvector('english', coalesce(r.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
            OR r.email ILIKE :search OR r.response_id ILIKE :search OR r.person_id ILIKE :search)
       AND (:sentiment::text IS NULL OR CASE WHEN a.sentiment_score >= 0.05 THEN 'POSITIVE'
                                             WHEN a.sentiment_score <= -0.05 THEN 'NEGATIVE'
                                             WHEN a.sentiment_score IS NOT NULL THEN 'NEUTRAL' END = :sentiment)
       AND (:themeId::bigint IS NULL OR :themeId::bigint = ANY(a.theme_ids))
       AND TRUE;

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.countResponses
-- Example: January 2026, PROMOTER, search 'export', plan in ('pro', 'team').
-- Parameters:
--   $1  :environmentId = '1'
--   $2  :from = '2026-01-01T00:00:00.000Z'
--   $3  :to = '2026-02-01T00:00:00.000Z'
--   $4  :low = 9
--   $5  :high = 10
--   $6  :searchQuery = 'export'
--   $7  :search = '%export%'
--   $8  :sentiment = NULL
--   $9  :themeId = NULL
--   $10 :filter1Property = 'plan'
--   $11 :filter1Values = ARRAY['pro', 'team']
-- -------------------------------------------------------------------------------------------------
-- One row: the number of responses listed.
SELECT count(*)::int AS count FROM survey_responses r LEFT JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id
 WHERE r.environment_id = :environmentId
       AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
       AND (:to::timestamptz IS NULL OR r.responded_at < :to)
       AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
       AND (:searchQuery::text IS NULL OR to_tsvector('english', coalesce(r.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
            OR r.email ILIKE :search OR r.response_id ILIKE :search OR r.person_id ILIKE :search)
       AND (:sentiment::text IS NULL OR CASE WHEN a.sentiment_score >= 0.05 THEN 'POSITIVE'
                                             WHEN a.sentiment_score <= -0.05 THEN 'NEGATIVE'
                                             WHEN a.sentiment_score IS NOT NULL THEN 'NEUTRAL' END = :sentiment)
       AND (:themeId::bigint IS NULL OR :themeId::bigint = ANY(a.theme_ids))
       AND EXISTS (SELECT 1 FROM users fu
                    WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                      AND (fu.properties ->> :filter1Property) = ANY(:filter1Values::text[]));
