-- The SQL SegmentsRepository (segmentSummary, segmentMembers, segmentComparison) sends, rendered
-- for example inputs from segments.sql.ts and sql/newest-response.sql.ts by `npm run sql:render`;
-- `npm run sql:check` fails when this file is stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- NewestResponseRepository.newestResponseTime (first, for each method below)
-- Example: no filter: when no response is newer than asOf, respondent_latest and
--          respondent_segment_counts answer.
-- Parameters:
--   $1 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row: the newest NPS response time (null when there is none).
SELECT max(responded_at) AS newest FROM survey_responses
 WHERE environment_id = :environmentId AND is_nps;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentCounts: from respondent_segment_counts
-- Example: no filter, as of now, no maxAgeDays (also segmentCount without search).
-- Parameters:
--   $1 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row (none before the first response): respondents in total and per segment.
SELECT promoters + passives + detractors AS responses, promoters, passives, detractors
  FROM respondent_segment_counts WHERE environment_id = :environmentId;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentCounts: from respondent_latest
-- Example: no filter, as of now, maxAgeDays 90.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :since = '2025-12-01T12:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row: category counts of those respondents.
SELECT count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM respondent_latest WHERE environment_id = :environmentId AND responded_at >= :since;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentCounts: each respondent's latest response as of asOf
-- Example: the filter plan = 'pro' (or a past asOf), maxAgeDays 90.
-- Parameters:
--   $1 :filter1Property = 'plan'
--   $2 :filter1Value = 'pro'
--   $3 :environmentId = '1'
--   $4 :asOf = '2026-03-01T12:00:00.000Z'
--   $5 :since = '2025-12-01T12:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row: category counts of the respondents' latest responses.
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
SELECT count(*)::int AS responses,
       count(*) FILTER (WHERE score >= 9)::int AS promoters,
       count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
       count(*) FILTER (WHERE score <= 6)::int AS detractors,
       coalesce(sum(score), 0)::int AS "scoreSum"
  FROM latest;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentCount: from respondent_latest
-- Example: PROMOTER, no filter, as of now, search 'invoice'.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :segment = 'PROMOTER'
--   $3 :since = NULL
--   $4 :pattern = '%invoice%'
--   $5 :searchQuery = 'invoice'
-- -------------------------------------------------------------------------------------------------
-- One row: how many respondents are in the segment.
SELECT count(*)::int AS count FROM respondent_latest l
 WHERE l.environment_id = :environmentId AND l.segment = :segment
   AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
   AND (:pattern::text IS NULL OR EXISTS (
           SELECT 1 FROM survey_responses mr
             LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
            WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.response_row_id
              AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                   OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
   AND TRUE;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentCount: each respondent's latest response as of asOf
-- Example: DETRACTOR as of the end of 2025, no filter, search 'slow'.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :asOf = '2025-12-31T23:00:00.000Z'
--   $3 :since = NULL
--   $4 :low = 0
--   $5 :high = 6
--   $6 :pattern = '%slow%'
--   $7 :searchQuery = 'slow'
-- -------------------------------------------------------------------------------------------------
-- One row: how many respondents are in the segment.
WITH latest AS (
       SELECT DISTINCT ON (b.person) b.*
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.responded_at <= :asOf::timestamptz
          AND (:since::timestamptz IS NULL OR b.responded_at >= :since::timestamptz)
        ORDER BY b.person, b.responded_at DESC, b.id DESC
     )
SELECT count(*)::int AS count FROM latest l
 WHERE l.score BETWEEN :low AND :high
   AND (:pattern::text IS NULL OR EXISTS (
           SELECT 1 FROM survey_responses mr
             LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
            WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.id
              AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                   OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
   AND TRUE;

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
-- SegmentsRepository.segmentCount: from respondent_latest, with an activity
-- Example: PROMOTER, no filter, maxAgeDays 90: members who did 'Share Report' in the 14 days before
--          (events counted).
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :segment = 'PROMOTER'
--   $3 :since = '2025-12-01T12:00:00.000Z'
--   $4 :pattern = NULL
--   $5 :searchQuery = NULL
--   $6 :activityEventType = 'Share Report'
--   $7 :activityWindowDays = 14
--   $8 :activityDid = true
-- -------------------------------------------------------------------------------------------------
-- One row: how many respondents are in the segment.
SELECT count(*)::int AS count FROM respondent_latest l
 WHERE l.environment_id = :environmentId AND l.segment = :segment
   AND (:since::timestamptz IS NULL OR l.responded_at >= :since)
   AND (:pattern::text IS NULL OR EXISTS (
           SELECT 1 FROM survey_responses mr
             LEFT JOIN users mu ON mu.environment_id = mr.environment_id AND mu.id = mr.user_id
            WHERE mr.environment_id = :environmentId::bigint AND mr.id = l.response_row_id
              AND (to_tsvector('english', coalesce(mr.comment, '')) @@ websearch_to_tsquery('english', :searchQuery)
                   OR concat_ws(' ', mr.email, mr.person_id, mu.identity) ILIKE :pattern)))
   AND (l.user_id IS NOT NULL AND (EXISTS (
           SELECT 1 FROM events ae
            WHERE ae.environment_id = :environmentId::bigint AND ae.user_id = l.user_id
              AND ae.name = :activityEventType
              AND ae.time >= l.responded_at - make_interval(hours => 24 * :activityWindowDays::int)
              AND ae.time < l.responded_at) = :activityDid::boolean));

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

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentEventUsage: respondent_latest and response_activity_30d
-- Example: no filter, as of now, event type 'Share Report' over the default 30 days.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :eventType = 'Share Report'
-- -------------------------------------------------------------------------------------------------
-- One row per segment that has respondents: members, those matched to a user, those who
-- did the event, and the events counted.
WITH latest AS (
       SELECT l.response_row_id AS id, l.score, l.user_id, l.responded_at FROM respondent_latest l
        WHERE l.environment_id = :environmentId
     ),
     usage AS (
       SELECT l.score, l.user_id, coalesce(a.events, 0) AS events
         FROM latest l
         LEFT JOIN response_activity_30d a
           ON a.environment_id = :environmentId::bigint AND a.name = :eventType AND a.response_row_id = l.id
     )
SELECT CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS category,
       count(*)::int AS members,
       count(user_id)::int AS matched,
       count(*) FILTER (WHERE events > 0)::int AS "withEvent",
       coalesce(sum(events), 0)::int AS events
  FROM usage GROUP BY 1;

-- -------------------------------------------------------------------------------------------------
-- SegmentsRepository.segmentEventUsage: latest responses as of asOf, events counted
-- Example: the filter plan = 'pro', as of now, event type 'Share Report' over 90 days.
-- Parameters:
--   $1 :filter1Property = 'plan'
--   $2 :filter1Value = 'pro'
--   $3 :environmentId = '1'
--   $4 :asOf = '2026-03-01T12:00:00.000Z'
--   $5 :since = NULL
--   $6 :eventType = 'Share Report'
--   $7 :windowDays = 90
-- -------------------------------------------------------------------------------------------------
-- One row per segment that has respondents: members, those matched to a user, those who
-- did the event, and the events counted.
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
     ),
     usage AS (
       SELECT l.score, l.user_id, activity.events
         FROM latest l
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS events FROM events e
           WHERE e.environment_id = :environmentId::bigint AND e.user_id = l.user_id AND e.name = :eventType
             AND e.time >= l.responded_at - make_interval(hours => 24 * :windowDays::int)
             AND e.time < l.responded_at
        ) activity
     )
SELECT CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS category,
       count(*)::int AS members,
       count(user_id)::int AS matched,
       count(*) FILTER (WHERE events > 0)::int AS "withEvent",
       coalesce(sum(events), 0)::int AS events
  FROM usage GROUP BY 1;
