-- The SQL CorrelationsRepository (activityCorrelations) sends, rendered for example inputs from
-- correlations.sql.ts and sql/newest-response.sql.ts by `npm run sql:render`; `npm run sql:check`
-- fails when this file is stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- NewestResponseRepository.newestResponseTime (first)
-- Example: when no response is as new as `to`, user_latest_nps holds every observation of the
--          range.
-- Parameters:
--   $1 :environmentId = '1'
-- -------------------------------------------------------------------------------------------------
-- One row: the newest NPS response time (null when there is none).
SELECT max(responded_at) AS newest FROM survey_responses
 WHERE environment_id = :environmentId AND is_nps;

-- -------------------------------------------------------------------------------------------------
-- CorrelationsRepository.correlationInputs: whole days from latest_score_counts_1d and
-- latest_activity_cells_1d
-- Example: no filter, the last year up to now (mid-day ends), the default 30-day window.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :daysFrom = '2025-03-02T00:00:00.000Z'
--   $3 :daysTo = '2026-03-01T00:00:00.000Z'
--   $4 :firstEdgeFrom = '2025-03-01T14:30:00.000Z'
--   $5 :firstEdgeTo = '2025-03-02T00:00:00.000Z'
--   $6 :secondEdgeFrom = '2026-03-01T00:00:00.000Z'
--   $7 :secondEdgeTo = '2026-03-01T14:30:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- Rows with a null name: the score histogram of all observations (x = 0). Then per event
-- type, (x, score) and the users with them, x > 0 only. Either edge may be empty.
WITH scores AS (
       SELECT s.score, s.users FROM latest_score_counts_1d s
        WHERE s.environment_id = :environmentId::bigint
          AND s.day >= :daysFrom::timestamptz AND s.day < :daysTo::timestamptz
       UNION ALL
       SELECT l.score, 1 FROM user_latest_nps l
        WHERE l.environment_id = :environmentId::bigint
          AND (l.responded_at >= :firstEdgeFrom::timestamptz AND l.responded_at < :firstEdgeTo::timestamptz
            OR l.responded_at >= :secondEdgeFrom::timestamptz AND l.responded_at < :secondEdgeTo::timestamptz)
     ),
     cells AS (
       SELECT c.name, c.events AS x, c.score, c.users FROM latest_activity_cells_1d c
        WHERE c.environment_id = :environmentId::bigint
          AND c.day >= :daysFrom::timestamptz AND c.day < :daysTo::timestamptz
       UNION ALL
       SELECT m.name, m.events, m.score, 1 FROM user_latest_activity_30d m
        WHERE m.environment_id = :environmentId::bigint
          AND (m.responded_at >= :firstEdgeFrom::timestamptz AND m.responded_at < :firstEdgeTo::timestamptz
            OR m.responded_at >= :secondEdgeFrom::timestamptz AND m.responded_at < :secondEdgeTo::timestamptz)
     )
SELECT NULL AS name, 0 AS x, score, sum(users)::int AS users FROM scores GROUP BY score
UNION ALL
SELECT name, x, score, sum(users)::int AS users FROM cells GROUP BY name, x, score;

-- -------------------------------------------------------------------------------------------------
-- CorrelationsRepository.correlationInputs: user_latest_nps and user_latest_activity_30d
-- Example: the filter plan = 'pro', the last year up to now, the default 30-day window.
-- Parameters:
--   $1 :filter1Property = 'plan'
--   $2 :filter1Value = 'pro'
--   $3 :environmentId = '1'
--   $4 :from = '2025-03-01T00:00:00.000Z'
--   $5 :to = '2026-03-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- Rows with a null name: the score histogram of all observations (x = 0). Then per event
-- type, (x, score) and the users with them, x > 0 only.
WITH observations AS (
       SELECT l.user_id, l.response_row_id AS id, l.score, l.responded_at FROM user_latest_nps l
         JOIN users u ON u.environment_id = l.environment_id AND u.id = l.user_id
                     AND (u.properties ->> :filter1Property) = :filter1Value::text
        WHERE l.environment_id = :environmentId
          AND l.responded_at >= :from::timestamptz AND l.responded_at < :to::timestamptz
     ),
     per_user AS (
       SELECT m.name, m.user_id, m.score, m.events AS x
         FROM user_latest_activity_30d m
         JOIN users u ON u.environment_id = m.environment_id AND u.id = m.user_id
                     AND (u.properties ->> :filter1Property) = :filter1Value::text
        WHERE m.environment_id = :environmentId::bigint
          AND m.responded_at >= :from::timestamptz AND m.responded_at < :to::timestamptz
     )
SELECT NULL AS name, 0 AS x, score, count(*)::int AS users FROM observations GROUP BY score
UNION ALL
SELECT name, x, score, count(*)::int AS users FROM per_user GROUP BY name, x, score;

-- -------------------------------------------------------------------------------------------------
-- CorrelationsRepository.correlationInputs: user_latest_nps and user_latest_event_times
-- Example: no filter, the last year up to now, a 90-day window.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2025-03-01T00:00:00.000Z'
--   $3 :to = '2026-03-01T00:00:00.000Z'
--   $4 :windowDays = 90
-- -------------------------------------------------------------------------------------------------
-- Rows with a null name: the score histogram of all observations (x = 0). Then per event
-- type, (x, score) and the users with them, x > 0 only.
WITH observations AS (
       SELECT l.user_id, l.response_row_id AS id, l.score, l.responded_at FROM user_latest_nps l
        WHERE l.environment_id = :environmentId
          AND l.responded_at >= :from::timestamptz AND l.responded_at < :to::timestamptz
     ),
     per_user AS (
       SELECT name, user_id, score, x FROM (
         SELECT m.name, m.user_id, m.score,
                cardinality(m.times) - width_bucket(
                  m.responded_at - make_interval(hours => 24 * :windowDays::int) - interval '1 microsecond',
                  m.times) AS x
           FROM user_latest_event_times m
          WHERE m.environment_id = :environmentId::bigint
            AND m.responded_at >= :from::timestamptz AND m.responded_at < :to::timestamptz
       ) counted
        WHERE x > 0
     )
SELECT NULL AS name, 0 AS x, score, count(*)::int AS users FROM observations GROUP BY score
UNION ALL
SELECT name, x, score, count(*)::int AS users FROM per_user GROUP BY name, x, score;

-- -------------------------------------------------------------------------------------------------
-- CorrelationsRepository.correlationInputs: latest responses in range, response_activity_30d
-- Example: no filter, the year 2024 (newer responses exist), the default 30-day window.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-01-01T00:00:00.000Z'
--   $3 :to = '2025-01-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- Rows with a null name: the score histogram of all observations (x = 0). Then per event
-- type, (x, score) and the users with them, x > 0 only.
WITH observations AS (
       SELECT DISTINCT ON (b.user_id) b.user_id, b.id, b.score, b.responded_at
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.user_id IS NOT NULL AND b.responded_at >= :from::timestamptz
          AND b.responded_at < :to::timestamptz
        ORDER BY b.user_id, b.responded_at DESC, b.id DESC
     ),
     per_user AS (
       SELECT a.name, o.user_id, o.score, a.events AS x
         FROM observations o
         JOIN response_activity_30d a ON a.environment_id = :environmentId::bigint AND a.response_row_id = o.id
     )
SELECT NULL AS name, 0 AS x, score, count(*)::int AS users FROM observations GROUP BY score
UNION ALL
SELECT name, x, score, count(*)::int AS users FROM per_user GROUP BY name, x, score;

-- -------------------------------------------------------------------------------------------------
-- CorrelationsRepository.correlationInputs: latest responses in range, events counted
-- Example: the filter plan = 'pro', the year 2024 (newer responses exist), a 90-day window.
-- Parameters:
--   $1 :filter1Property = 'plan'
--   $2 :filter1Value = 'pro'
--   $3 :environmentId = '1'
--   $4 :from = '2024-01-01T00:00:00.000Z'
--   $5 :to = '2025-01-01T00:00:00.000Z'
--   $6 :windowDays = 90
-- -------------------------------------------------------------------------------------------------
-- Rows with a null name: the score histogram of all observations (x = 0). Then per event
-- type, (x, score) and the users with them, x > 0 only.
WITH observations AS (
       SELECT DISTINCT ON (b.user_id) b.user_id, b.id, b.score, b.responded_at
         FROM (
           SELECT r.id, coalesce(r.person_id, 'response:' || r.response_id) AS person, r.score, r.responded_at,
                  r.user_id, r.comment, r.email, r.person_id, r.response_id
             FROM survey_responses r
             JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                         AND (u.properties ->> :filter1Property) = :filter1Value::text
            WHERE r.environment_id = :environmentId AND r.is_nps
         ) b
        WHERE b.user_id IS NOT NULL AND b.responded_at >= :from::timestamptz
          AND b.responded_at < :to::timestamptz
        ORDER BY b.user_id, b.responded_at DESC, b.id DESC
     ),
     per_user AS (
       SELECT e.name, o.user_id, o.score, count(*)::int AS x
         FROM observations o
         JOIN events e ON e.environment_id = :environmentId::bigint AND e.user_id = o.user_id
                      AND e.time >= o.responded_at - make_interval(hours => 24 * :windowDays::int)
                      AND e.time < o.responded_at AND e.name <> 'Submit Survey'
        GROUP BY e.name, o.user_id, o.score
     )
SELECT NULL AS name, 0 AS x, score, count(*)::int AS users FROM observations GROUP BY score
UNION ALL
SELECT name, x, score, count(*)::int AS users FROM per_user GROUP BY name, x, score;
