-- The SQL ResponsesRepository (surveyResponses) sends, rendered for example inputs from
-- responses.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale. Do
-- not edit.

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.listResponses
-- Example: every response, first page of 50 (51 rows: one tells there is more).
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = NULL
--   $3 :to = NULL
--   $4 :low = NULL
--   $5 :high = NULL
--   $6 :search = NULL
--   $7 :afterTime = NULL
--   $8 :afterId = NULL
--   $9 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit responses of any survey type, newest first after the cursor, with their user.
SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
       r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
       r.response_updated_at AS "updatedAt", r.source,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM survey_responses r
  LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
 WHERE r.environment_id = :environmentId
       AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
       AND (:to::timestamptz IS NULL OR r.responded_at < :to)
       AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
       AND (:search::text IS NULL OR r.comment ILIKE :search)
       AND TRUE
   AND (:afterTime::timestamptz IS NULL OR (r.responded_at, r.id) < (:afterTime::timestamptz, :afterId::bigint))
 ORDER BY r.responded_at DESC, r.id DESC
 LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.listResponses
-- Example: January 2026, PROMOTER (scores 9–10), search 'export', plan in ('pro', 'team'), the page
--          after a cursor.
-- Parameters:
--   $1  :environmentId = '1'
--   $2  :from = '2026-01-01T00:00:00.000Z'
--   $3  :to = '2026-02-01T00:00:00.000Z'
--   $4  :low = 9
--   $5  :high = 10
--   $6  :search = '%export%'
--   $7  :filter1Property = 'plan'
--   $8  :filter1Values = ARRAY['pro', 'team']
--   $9  :afterTime = '2026-01-20T10:00:00.000Z'
--   $10 :afterId = '91544'
--   $11 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit responses of any survey type, newest first after the cursor, with their user.
SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
       r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
       r.response_updated_at AS "updatedAt", r.source,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM survey_responses r
  LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
 WHERE r.environment_id = :environmentId
       AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
       AND (:to::timestamptz IS NULL OR r.responded_at < :to)
       AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
       AND (:search::text IS NULL OR r.comment ILIKE :search)
       AND EXISTS (SELECT 1 FROM users fu
                    WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                      AND (fu.properties ->> :filter1Property) = ANY(:filter1Values::text[]))
   AND (:afterTime::timestamptz IS NULL OR (r.responded_at, r.id) < (:afterTime::timestamptz, :afterId::bigint))
 ORDER BY r.responded_at DESC, r.id DESC
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
--   $6 :search = NULL
-- -------------------------------------------------------------------------------------------------
-- One row: the number of responses listed.
SELECT count(*)::int AS count FROM survey_responses r
 WHERE r.environment_id = :environmentId
       AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
       AND (:to::timestamptz IS NULL OR r.responded_at < :to)
       AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
       AND (:search::text IS NULL OR r.comment ILIKE :search)
       AND TRUE;

-- -------------------------------------------------------------------------------------------------
-- ResponsesRepository.countResponses
-- Example: January 2026, PROMOTER, search 'export', plan in ('pro', 'team').
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2026-01-01T00:00:00.000Z'
--   $3 :to = '2026-02-01T00:00:00.000Z'
--   $4 :low = 9
--   $5 :high = 10
--   $6 :search = '%export%'
--   $7 :filter1Property = 'plan'
--   $8 :filter1Values = ARRAY['pro', 'team']
-- -------------------------------------------------------------------------------------------------
-- One row: the number of responses listed.
SELECT count(*)::int AS count FROM survey_responses r
 WHERE r.environment_id = :environmentId
       AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
       AND (:to::timestamptz IS NULL OR r.responded_at < :to)
       AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
       AND (:search::text IS NULL OR r.comment ILIKE :search)
       AND EXISTS (SELECT 1 FROM users fu
                    WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                      AND (fu.properties ->> :filter1Property) = ANY(:filter1Values::text[]));
