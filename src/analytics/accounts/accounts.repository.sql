-- The SQL AccountsRepository (accounts, accountSummary) sends, rendered for example inputs from
-- accounts.sql.ts and account-counts.sql.ts by `npm run sql:render`; `npm run sql:check` fails when
-- this file is stale. Do not edit.

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.page: latest responses before the range (what to subtract)
-- Example: Two years no response is newer than, at most 20,000.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-04-01T00:00:00.000Z'
--   $3 :cap = 20000
-- -------------------------------------------------------------------------------------------------
-- One row: "before", the latest responses before :from, at most :cap.
SELECT count(*)::int AS before FROM (
  SELECT 1 FROM respondent_latest l
   WHERE l.environment_id = :environmentId AND l.responded_at < :from::timestamptz
   LIMIT :cap
) b;

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.page: from account_latest_counts by its NPS index
-- Example: LATEST_PER_PERSON (the default) without a filter, two years holding every latest
--          response, page 1 of 50 by NPS ascending.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :minResponses = 1
--   $3 :limit = 51
--   $4 :from = '2024-04-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- Up to :limit accounts by NPS, then account: counts, NPS, revenue, the sort key (for the
-- next cursor) and "totalCount", the accounts listed.
WITH page AS (
  SELECT a.account, a.responses, a.promoters, a.passives, a.detractors, a.score_sum
    FROM account_latest_counts a
   WHERE a.environment_id = :environmentId AND a.responses > 0
     AND a.responses >= :minResponses::int
   ORDER BY (a.promoters - a.detractors)::float8 / a.responses, a.account COLLATE "C"
   LIMIT :limit
)
SELECT p.account, p.responses AS respondents, p.responses, p.promoters, p.passives,
       p.detractors, p.score_sum::int AS "scoreSum", revenue.revenue, latest."latestResponseAt",
       false AS "sortNull", (100.0 * (p.promoters - p.detractors) / p.responses)::text AS "sortValue",
       (SELECT count(*)::int FROM account_latest_counts c
         WHERE c.environment_id = :environmentId AND c.responses > 0
           AND c.responses >= :minResponses::int) AS "totalCount"
  FROM page p
  CROSS JOIN LATERAL (
    SELECT max(ru.account_revenue) AS revenue FROM users ru
     WHERE ru.environment_id = :environmentId AND ru.account = p.account
  ) revenue
  CROSS JOIN LATERAL (
    SELECT max(l.responded_at) AS "latestResponseAt" FROM users lu
      JOIN respondent_latest l ON l.environment_id = :environmentId AND l.user_id = lu.id
     WHERE lu.environment_id = :environmentId AND lu.account = p.account
       AND l.responded_at >= :from::timestamptz
  ) latest
 ORDER BY (p.promoters - p.detractors)::float8 / p.responses, p.account COLLATE "C";

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.page: from account_latest_counts
-- Example: LATEST_PER_PERSON (the default) without a filter, two years no response is newer than
--          (some latest responses before them), page 1 of 50 by NPS ascending.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-04-01T00:00:00.000Z'
--   $3 :minResponses = 1
--   $4 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit accounts after the cursor in the order's sort key, then account: counts,
-- NPS, revenue, the sort key (for the next cursor) and "totalCount", the accounts listed.
WITH before_range AS (
       SELECT bu.account, count(*) AS responses,
              count(*) FILTER (WHERE b.score >= 9) AS promoters,
              count(*) FILTER (WHERE b.score BETWEEN 7 AND 8) AS passives,
              count(*) FILTER (WHERE b.score <= 6) AS detractors, sum(b.score) AS score_sum
         FROM respondent_latest b
         JOIN users bu ON bu.environment_id = :environmentId AND bu.id = b.user_id AND bu.account IS NOT NULL
        WHERE b.environment_id = :environmentId AND b.responded_at < :from::timestamptz
        GROUP BY bu.account
     ),
     counted AS (
       SELECT t.account, t.responses - coalesce(b.responses, 0) AS responses,
              t.promoters - coalesce(b.promoters, 0) AS promoters,
              t.passives - coalesce(b.passives, 0) AS passives,
              t.detractors - coalesce(b.detractors, 0) AS detractors,
              t.score_sum - coalesce(b.score_sum, 0) AS score_sum
         FROM account_latest_counts t
         LEFT JOIN before_range b ON b.account = t.account
        WHERE t.environment_id = :environmentId
     ),
accounts AS (
  SELECT c.* FROM counted c WHERE c.responses > 0 AND c.responses >= :minResponses::int
),
page AS (
  SELECT a.* FROM accounts a
   ORDER BY (a.promoters - a.detractors)::float8 / a.responses, a.account COLLATE "C"
   LIMIT :limit
)
SELECT p.account, p.responses::int AS respondents, p.responses::int AS responses,
       p.promoters::int AS promoters, p.passives::int AS passives, p.detractors::int AS detractors,
       p.score_sum::int AS "scoreSum", revenue.revenue, latest."latestResponseAt",
       false AS "sortNull", (100.0 * (p.promoters - p.detractors) / p.responses)::text AS "sortValue",
       (SELECT count(*)::int FROM accounts) AS "totalCount"
  FROM page p
  CROSS JOIN LATERAL (
    SELECT max(ru.account_revenue) AS revenue FROM users ru
     WHERE ru.environment_id = :environmentId AND ru.account = p.account
  ) revenue
  CROSS JOIN LATERAL (
    SELECT max(l.responded_at) AS "latestResponseAt" FROM users lu
      JOIN respondent_latest l ON l.environment_id = :environmentId AND l.user_id = lu.id
     WHERE lu.environment_id = :environmentId AND lu.account = p.account
       AND l.responded_at >= :from::timestamptz
  ) latest
 ORDER BY (p.promoters - p.detractors)::float8 / p.responses, p.account COLLATE "C";

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.page: from account_latest_counts
-- Example: The same by responses, at least 2, after the account acme with 12 responses.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-04-01T00:00:00.000Z'
--   $3 :minResponses = 2
--   $4 :afterNull = false
--   $5 :afterValue = '-12'
--   $6 :afterAccount = 'acme'
--   $7 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit accounts after the cursor in the order's sort key, then account: counts,
-- NPS, revenue, the sort key (for the next cursor) and "totalCount", the accounts listed.
WITH before_range AS (
       SELECT bu.account, count(*) AS responses,
              count(*) FILTER (WHERE b.score >= 9) AS promoters,
              count(*) FILTER (WHERE b.score BETWEEN 7 AND 8) AS passives,
              count(*) FILTER (WHERE b.score <= 6) AS detractors, sum(b.score) AS score_sum
         FROM respondent_latest b
         JOIN users bu ON bu.environment_id = :environmentId AND bu.id = b.user_id AND bu.account IS NOT NULL
        WHERE b.environment_id = :environmentId AND b.responded_at < :from::timestamptz
        GROUP BY bu.account
     ),
     counted AS (
       SELECT t.account, t.responses - coalesce(b.responses, 0) AS responses,
              t.promoters - coalesce(b.promoters, 0) AS promoters,
              t.passives - coalesce(b.passives, 0) AS passives,
              t.detractors - coalesce(b.detractors, 0) AS detractors,
              t.score_sum - coalesce(b.score_sum, 0) AS score_sum
         FROM account_latest_counts t
         LEFT JOIN before_range b ON b.account = t.account
        WHERE t.environment_id = :environmentId
     ),
accounts AS (
  SELECT c.* FROM counted c WHERE c.responses > 0 AND c.responses >= :minResponses::int
),
page AS (
  SELECT a.* FROM accounts a
  WHERE (false, -a.responses::numeric, a.account COLLATE "C") > (:afterNull::boolean, :afterValue::numeric, :afterAccount::text COLLATE "C")
   ORDER BY -a.responses, a.account COLLATE "C"
   LIMIT :limit
)
SELECT p.account, p.responses::int AS respondents, p.responses::int AS responses,
       p.promoters::int AS promoters, p.passives::int AS passives, p.detractors::int AS detractors,
       p.score_sum::int AS "scoreSum", revenue.revenue, latest."latestResponseAt",
       false AS "sortNull", (-p.responses::numeric)::text AS "sortValue",
       (SELECT count(*)::int FROM accounts) AS "totalCount"
  FROM page p
  CROSS JOIN LATERAL (
    SELECT max(ru.account_revenue) AS revenue FROM users ru
     WHERE ru.environment_id = :environmentId AND ru.account = p.account
  ) revenue
  CROSS JOIN LATERAL (
    SELECT max(l.responded_at) AS "latestResponseAt" FROM users lu
      JOIN respondent_latest l ON l.environment_id = :environmentId AND l.user_id = lu.id
     WHERE lu.environment_id = :environmentId AND lu.account = p.account
       AND l.responded_at >= :from::timestamptz
  ) latest
 ORDER BY -p.responses, p.account COLLATE "C";

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.page: from respondent_latest
-- Example: LATEST_PER_PERSON (the default) without a filter, a quarter no response is newer than,
--          page 1 of 50 by NPS ascending.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2026-01-01T00:00:00.000Z'
--   $3 :to = '2026-04-01T00:00:00.000Z'
--   $4 :minResponses = 1
--   $5 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit accounts after the cursor in the order's sort key, then account: counts,
-- NPS, revenue, the sort key (for the next cursor) and "totalCount", the accounts listed.
WITH chosen AS (
       SELECT l.person, l.score, l.user_id, l.responded_at FROM respondent_latest l
        WHERE l.environment_id = :environmentId
          AND l.responded_at >= :from::timestamptz AND l.responded_at < :to::timestamptz
     ),
     per_account AS (
       SELECT au.account, count(DISTINCT c.person)::int AS respondents,
              count(*)::int AS responses,
              count(*) FILTER (WHERE score >= 9)::int AS promoters,
              count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
              count(*) FILTER (WHERE score <= 6)::int AS detractors,
              coalesce(sum(score), 0)::int AS "scoreSum",
              max(c.responded_at) AS "latestResponseAt"
         FROM chosen c
         JOIN users au ON au.environment_id = :environmentId AND au.id = c.user_id AND au.account IS NOT NULL
        GROUP BY au.account
       HAVING count(*) >= :minResponses::int
     ),
     accounts AS (
       SELECT a.*, 100.0 * (a.promoters - a.detractors) / a.responses AS nps_exact, revenue.revenue
         FROM per_account a
         CROSS JOIN LATERAL (
           SELECT max(ru.account_revenue) AS revenue FROM users ru
            WHERE ru.environment_id = :environmentId AND ru.account = a.account
         ) revenue
     ),
     keyed AS (
       SELECT a.*, false AS "sortNull", nps_exact AS sort_value FROM accounts a
     )
SELECT k.account, k.respondents, k.responses, k.promoters, k.passives, k.detractors, k."scoreSum",
       k.revenue, k."latestResponseAt", k."sortNull", k.sort_value::text AS "sortValue",
       (SELECT count(*)::int FROM accounts) AS "totalCount"
  FROM keyed k
 ORDER BY k."sortNull", k.sort_value, k.account COLLATE "C"
 LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.page: from rows
-- Example: ALL_RESPONSES with the filter plan = 'pro', at least 3 responses, by revenue, after the
--          account acme with revenue 12000.
-- Parameters:
--   $1  :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2  :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3  :filter1Property = 'plan'
--   $4  :filter1Value = 'pro'
--   $5  :environmentId = '1'
--   $6  :minResponses = 3
--   $7  :afterNull = false
--   $8  :afterValue = '-12000'
--   $9  :afterAccount = 'acme'
--   $10 :limit = 51
-- -------------------------------------------------------------------------------------------------
-- Up to :limit accounts after the cursor in the order's sort key, then account: counts,
-- NPS, revenue, the sort key (for the next cursor) and "totalCount", the accounts listed.
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
               JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
                           AND (u.properties ->> :filter1Property) = :filter1Value::text
              WHERE r.environment_id = :environmentId AND r.is_nps
           ) base
            WHERE base.responded_at >= w.window_start AND base.responded_at < w.window_end OFFSET 0
         ) b
     ),
     per_account AS (
       SELECT au.account, count(DISTINCT c.person)::int AS respondents,
              count(*)::int AS responses,
              count(*) FILTER (WHERE score >= 9)::int AS promoters,
              count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
              count(*) FILTER (WHERE score <= 6)::int AS detractors,
              coalesce(sum(score), 0)::int AS "scoreSum",
              max(c.responded_at) AS "latestResponseAt"
         FROM chosen c
         JOIN users au ON au.environment_id = :environmentId AND au.id = c.user_id AND au.account IS NOT NULL
        GROUP BY au.account
       HAVING count(*) >= :minResponses::int
     ),
     accounts AS (
       SELECT a.*, 100.0 * (a.promoters - a.detractors) / a.responses AS nps_exact, revenue.revenue
         FROM per_account a
         CROSS JOIN LATERAL (
           SELECT max(ru.account_revenue) AS revenue FROM users ru
            WHERE ru.environment_id = :environmentId AND ru.account = a.account
         ) revenue
     ),
     keyed AS (
       SELECT a.*, revenue IS NULL AS "sortNull", coalesce(-revenue::numeric, 0) AS sort_value FROM accounts a
     )
SELECT k.account, k.respondents, k.responses, k.promoters, k.passives, k.detractors, k."scoreSum",
       k.revenue, k."latestResponseAt", k."sortNull", k.sort_value::text AS "sortValue",
       (SELECT count(*)::int FROM accounts) AS "totalCount"
  FROM keyed k
  WHERE (k."sortNull", k.sort_value, k.account COLLATE "C") > (:afterNull::boolean, :afterValue::numeric, :afterAccount::text COLLATE "C")
 ORDER BY k."sortNull", k.sort_value, k.account COLLATE "C"
 LIMIT :limit;

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.totals: from account_latest_counts
-- Example: LATEST_PER_PERSON without a filter, two years no response is newer than.
-- Parameters:
--   $1 :environmentId = '1'
--   $2 :from = '2024-04-01T00:00:00.000Z'
-- -------------------------------------------------------------------------------------------------
-- One row per account with responses: its counts and revenue.
WITH before_range AS (
       SELECT bu.account, count(*) AS responses,
              count(*) FILTER (WHERE b.score >= 9) AS promoters,
              count(*) FILTER (WHERE b.score BETWEEN 7 AND 8) AS passives,
              count(*) FILTER (WHERE b.score <= 6) AS detractors, sum(b.score) AS score_sum
         FROM respondent_latest b
         JOIN users bu ON bu.environment_id = :environmentId AND bu.id = b.user_id AND bu.account IS NOT NULL
        WHERE b.environment_id = :environmentId AND b.responded_at < :from::timestamptz
        GROUP BY bu.account
     ),
     counted AS (
       SELECT t.account, t.responses - coalesce(b.responses, 0) AS responses,
              t.promoters - coalesce(b.promoters, 0) AS promoters,
              t.passives - coalesce(b.passives, 0) AS passives,
              t.detractors - coalesce(b.detractors, 0) AS detractors,
              t.score_sum - coalesce(b.score_sum, 0) AS score_sum
         FROM account_latest_counts t
         LEFT JOIN before_range b ON b.account = t.account
        WHERE t.environment_id = :environmentId
     )
SELECT c.account, c.responses::int AS responses, c.promoters::int AS promoters,
       c.passives::int AS passives, c.detractors::int AS detractors, c.score_sum::int AS "scoreSum",
       revenue.revenue
  FROM counted c
  CROSS JOIN LATERAL (
    SELECT max(ru.account_revenue) AS revenue FROM users ru
     WHERE ru.environment_id = :environmentId AND ru.account = c.account
  ) revenue
 WHERE c.responses > 0;

-- -------------------------------------------------------------------------------------------------
-- AccountsRepository.totals: from rows
-- Example: LATEST_PER_PERSON without a filter, a quarter with newer responses after it.
-- Parameters:
--   $1 :windowStarts = ARRAY['2026-01-01T00:00:00.000Z']
--   $2 :windowEnds = ARRAY['2026-04-01T00:00:00.000Z']
--   $3 :environmentId = '1'
--   $4 :minResponses = 1
-- -------------------------------------------------------------------------------------------------
-- One row per account with responses: its counts and revenue.
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
     per_account AS (
       SELECT au.account, count(DISTINCT c.person)::int AS respondents,
              count(*)::int AS responses,
              count(*) FILTER (WHERE score >= 9)::int AS promoters,
              count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS passives,
              count(*) FILTER (WHERE score <= 6)::int AS detractors,
              coalesce(sum(score), 0)::int AS "scoreSum",
              max(c.responded_at) AS "latestResponseAt"
         FROM chosen c
         JOIN users au ON au.environment_id = :environmentId AND au.id = c.user_id AND au.account IS NOT NULL
        GROUP BY au.account
       HAVING count(*) >= :minResponses::int
     ),
     accounts AS (
       SELECT a.*, 100.0 * (a.promoters - a.detractors) / a.responses AS nps_exact, revenue.revenue
         FROM per_account a
         CROSS JOIN LATERAL (
           SELECT max(ru.account_revenue) AS revenue FROM users ru
            WHERE ru.environment_id = :environmentId AND ru.account = a.account
         ) revenue
     )
SELECT account, responses, promoters, passives, detractors, "scoreSum", revenue FROM accounts;
