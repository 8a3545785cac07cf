-- The SQL SegmentsRepository (segmentMembers) sends, rendered for example inputs from
-- segments.sql.ts by `npm run sql:render`; `npm run sql:check` fails when this file is stale. Do
-- not edit.

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentMembers: from respondent_latest
-- Example: PROMOTER, no filter, as of now, first page of 50 (51 rows: one tells there is more).
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :segment = 'PROMOTER'
--   $3 :since = NULL
--   $4 :afterTime = NULL
--   $5 :afterId = NULL
--   $6 :pattern = NULL
--   $7 :searchQuery = NULL
--   $8 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit rows, newest first after the cursor: each member's latest response and user.
SELECT r.id, r.person_id AS "personId", r.email, r.score, r.responded_at AS "respondedAt", r.comment,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM (
    SELECT l.response_row_id FROM respondent_latest l
     WHERE l.environment_id = :environmentId AND l.segment = :segment
       AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
       AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.response_row_id) < (:afterTime::timestamptz, :afterId::bigint))
       AND (:pattern::text IS NULL OR EXISTS (
               SELECT 1 FROM survey_responses mr
                 LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
                WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.response_row_id
                  AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                       OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
       AND TRUE
     ORDER BY l.responded_at DESC, l.response_row_id DESC LIMIT :limit
  ) page
  JOIN survey_responses r ON r.environment_id = :environmentId AND r.id = page.response_row_id
  LEFT JOIN users u ON u.environment_id = :environmentId AND u.id = r.user_id
 ORDER BY r.responded_at DESC, r.id DESC;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentMembers: from respondent_latest
-- Example: PASSIVE, no filter, maxAgeDays 90, the page after a cursor, search '50%_off'.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :segment = 'PASSIVE'
--   $3 :since = '2025-12-01T12:00:00.000Z'
--   $4 :afterTime = '2026-02-27T08:30:00.000Z'
--   $5 :afterId = '48213'
--   $6 :pattern = '%50\%\_off%'
--   $7 :searchQuery = '50%_off'
--   $8 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit rows, newest first after the cursor: each member's latest response and user.
SELECT r.id, r.person_id AS "personId", r.email, r.score, r.responded_at AS "respondedAt", r.comment,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM (
    SELECT l.response_row_id FROM respondent_latest l
     WHERE l.environment_id = :environmentId AND l.segment = :segment
       AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
       AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.response_row_id) < (:afterTime::timestamptz, :afterId::bigint))
       AND (:pattern::text IS NULL OR EXISTS (
               SELECT 1 FROM survey_responses mr
                 LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
                WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.response_row_id
                  AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                       OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
       AND TRUE
     ORDER BY l.responded_at DESC, l.response_row_id DESC LIMIT :limit
  ) page
  JOIN survey_responses r ON r.environment_id = :environmentId AND r.id = page.response_row_id
  LEFT JOIN users u ON u.environment_id = :environmentId AND u.id = r.user_id
 ORDER BY r.responded_at DESC, r.id DESC;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentMembers: each respondent's latest response as of asOf
-- Example: DETRACTOR with the filter plan = 'pro', as of now, the page after a cursor.
-- Parameters:
--   $1  :filter1Property = 'plan'
--   $2  :filter1Value = 'pro'
--   $3  :environmentId = '1'
--   $4  :asOf = '2026-03-01T12:00:00.000Z'
--   $5  :since = NULL
--   $6  :low = 0
--   $7  :high = 6
--   $8  :afterTime = '2026-02-27T08:30:00.000Z'
--   $9  :afterId = '48213'
--   $10 :pattern = NULL
--   $11 :searchQuery = NULL
--   $12 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit rows, newest first after the cursor: each member's latest response and user.
WITH latest AS (
       SELECT DISTINCT ON (b.person) b.*
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
             JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                         AND (u.properties ->> :filter1Property) = :filter1Value::text
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.responded_at <= :asOf::timestamptz
          AND (:since::timestamptz IS NULL OR b.responded_at >= :since::timestamptz)
        ORDER BY b.person, b.responded_at DESC, b.id DESC
     )
SELECT l.id, l.person_id AS "personId", l.email, l.score, l.responded_at AS "respondedAt", l.comment,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM latest l
  LEFT JOIN users u ON u.environment_id = :environmentId::bigint AND u.id = l.user_id
 WHERE l.score BETWEEN :low AND :high
   AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.id) < (:afterTime::timestamptz, :afterId::bigint))
   AND (:pattern::text IS NULL OR EXISTS (
           SELECT 1 FROM survey_responses mr
             LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
            WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.id
              AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                   OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
   AND TRUE
 ORDER BY l.responded_at DESC, l.id DESC
 LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.eventTypeKnown (before members with an activity condition)
-- Example: event type 'Share Report'.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :eventType = 'Share Report'
-- -------------------------------------------------------------------------------------------------
-- One row: whether any event of the type was tracked.
SELECT EXISTS (
  SELECT 1 FROM event_types WHERE environment_id = :environmentId AND name = :eventType
) AS known;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentMembers: from respondent_latest, with an activity
-- Example: DETRACTOR, no filter, maxAgeDays 90, first page: members who did not 'Share Report' in
--          the 30 days before (response_activity_30d).
-- Parameters:
--   $1  :environmentId = '1'
--   $2  :segment = 'DETRACTOR'
--   $3  :since = '2025-12-01T12:00:00.000Z'
--   $4  :afterTime = NULL
--   $5  :afterId = NULL
--   $6  :pattern = NULL
--   $7  :searchQuery = NULL
--   $8  :activityEventType = 'Share Report'
--   $9  :activityDid = false
--   $10 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit rows, newest first after the cursor: each member's latest response and user.
SELECT r.id, r.person_id AS "personId", r.email, r.score, r.responded_at AS "respondedAt", r.comment,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM (
    SELECT l.response_row_id FROM respondent_latest l
     WHERE l.environment_id = :environmentId AND l.segment = :segment
       AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
       AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.response_row_id) < (:afterTime::timestamptz, :afterId::bigint))
       AND (:pattern::text IS NULL OR EXISTS (
               SELECT 1 FROM survey_responses mr
                 LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
                WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.response_row_id
                  AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                       OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
       AND (l.user_id IS NOT NULL AND (EXISTS (
               SELECT 1 FROM response_activity_30d aa
                WHERE aa.environment_id = :environmentId::bigint AND aa.name = :activityEventType
                  AND aa.response_row_id = l.response_row_id AND aa.events > 0) = :activityDid::boolean))
     ORDER BY l.responded_at DESC, l.response_row_id DESC LIMIT :limit
  ) page
  JOIN survey_responses r ON r.environment_id = :environmentId AND r.id = page.response_row_id
  LEFT JOIN users u ON u.environment_id = :environmentId AND u.id = r.user_id
 ORDER BY r.responded_at DESC, r.id DESC;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentMembers: each respondent's latest response as of asOf, with an activity
-- Example: PASSIVE with the filter plan = 'pro', as of the end of 2025: members who did not 'Share
--          Report' in the 30 days before.
-- Parameters:
--   $1  :filter1Property = 'plan'
--   $2  :filter1Value = 'pro'
--   $3  :environmentId = '1'
--   $4  :asOf = '2025-12-31T23:00:00.000Z'
--   $5  :since = NULL
--   $6  :low = 7
--   $7  :high = 8
--   $8  :afterTime = NULL
--   $9  :afterId = NULL
--   $10 :pattern = NULL
--   $11 :searchQuery = NULL
--   $12 :activityEventType = 'Share Report'
--   $13 :activityDid = false
--   $14 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit rows, newest first after the cursor: each member's latest response and user.
WITH latest AS (
       SELECT DISTINCT ON (b.person) b.*
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
             JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                         AND (u.properties ->> :filter1Property) = :filter1Value::text
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.responded_at <= :asOf::timestamptz
          AND (:since::timestamptz IS NULL OR b.responded_at >= :since::timestamptz)
        ORDER BY b.person, b.responded_at DESC, b.id DESC
     )
SELECT l.id, l.person_id AS "personId", l.email, l.score, l.responded_at AS "respondedAt", l.comment,
       u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
  FROM latest l
  LEFT JOIN users u ON u.environment_id = :environmentId::bigint AND u.id = l.user_id
 WHERE l.score BETWEEN :low AND :high
   AND (:afterTime::timestamptz IS NULL OR (l.responded_at, l.id) < (:afterTime::timestamptz, :afterId::bigint))
   AND (:pattern::text IS NULL OR EXISTS (
           SELECT 1 FROM survey_responses mr
             LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
            WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.id
              AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                   OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
   AND (l.user_id IS NOT NULL AND (EXISTS (
           SELECT 1 FROM response_activity_30d aa
            WHERE aa.environment_id = :environmentId::bigint AND aa.name = :activityEventType
              AND aa.response_row_id = l.id AND aa.events > 0) = :activityDid::boolean))
 ORDER BY l.responded_at DESC, l.id DESC
 LIMIT :limit;
