-- The SQL SegmentsRepository (segmentSummary, segmentComparison) sends, rendered for example inputs
-- from segments.sql.ts and sql/newest-response.sql.ts by `npm run sql:render`; `npm run sql:check`
-- fails when this file is stale. Do not edit.

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
