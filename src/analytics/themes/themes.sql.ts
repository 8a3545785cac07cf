import type { NamedSql } from '../../database/named-sql';
import { COUNTS } from '../sql/category-counts';
import { sql, withParameters } from '../sql/named-fragment';
import { type Dedupe, type ResponseScope, windowedResponses } from '../sql/response-scope.sql';
import { type TimeWindow, alignedUtcDays, edgesOf } from '../sql/slots';

/** The chosen responses (see windowedResponses) with their comment analysis (a, may be null). */
function analysed(scope: ResponseScope, windows: readonly TimeWindow[], dedupe: Dedupe): NamedSql {
  return sql`
    ${windowedResponses(scope, windows, dedupe)},
    analysed AS (
      SELECT c.position, c.id, c.score, c.user_id, c.responded_at, c.comment,
             a.sentiment_score, coalesce(a.theme_ids, '{}') AS theme_ids
        FROM chosen c
        LEFT JOIN comment_analysis a ON a.environment_id = :environmentId AND a.response_row_id = c.id
    )`;
}

/** The environment's themes (id, name) in dictionary order. */
export function themeNamesStatement(environmentId: string): NamedSql {
  return withParameters(
    sql`
      -- One row per theme of the dictionary, in its order.
      SELECT id::text, name FROM comment_themes WHERE environment_id = :environmentId ORDER BY position, id`,
    { environmentId },
  );
}

/** The environment's themes with their patterns. */
export function themePatternsStatement(environmentId: string): NamedSql {
  return withParameters(
    sql`
      -- One row per theme: id, name and patterns.
      SELECT id::text, name, patterns FROM comment_themes WHERE environment_id = :environmentId ORDER BY position, id`,
    { environmentId },
  );
}

/**
 * Category counts of every response in the window (themeId null, with how many carry a comment
 * with words) and of those mentioning each theme that any of them mentions.
 */
export function themeCountsStatement(
  scope: ResponseScope,
  window: TimeWindow,
  dedupe: Dedupe,
): NamedSql {
  return sql`
    -- One row with "themeId" null (all responses, "commented" those whose comment holds words), then
    -- one row per mentioned theme of the dictionary: category counts of the responses mentioning it.
    WITH ${analysed(scope, [window], dedupe)}
    SELECT NULL::text AS "themeId", ${COUNTS},
           count(*) FILTER (WHERE sentiment_score IS NOT NULL)::int AS commented
      FROM analysed
    UNION ALL
    SELECT t.id::text, ${COUNTS}, count(*)::int
      FROM analysed m CROSS JOIN LATERAL unnest(m.theme_ids) AS mention(theme_id)
      JOIN comment_themes t ON t.environment_id = :environmentId AND t.id = mention.theme_id
     GROUP BY t.id`;
}

/**
 * The rows of themeCountsStatement for ALL_RESPONSES without a filter: the window's whole UTC days
 * from nps_rollup_1d and theme_mentions_1d (theme 0: responses whose comment holds words), its
 * (< 1 day) edges from rows, in one statement (one snapshot).
 */
export function themeCountsFromRollupStatement(
  environmentId: string,
  window: TimeWindow,
): NamedSql {
  const days = alignedUtcDays(window);
  const edges = edgesOf(window, days);
  return withParameters(
    sql`
      -- One row with "themeId" null (all responses, "commented" those whose comment holds words), then
      -- one row per mentioned theme of the dictionary: category counts of the responses mentioning it.
      WITH ${windowedResponses({ environmentId, conditions: [] }, edges, 'ALL_RESPONSES')},
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
      HAVING sum(c.responses) > 0`,
    { environmentId, daysFrom: days.from.toISOString(), daysTo: days.to.toISOString() },
  );
}

/** Per bucket: responses, those with a comment holding words, and those mentioning :themeId. */
export function themeTrendStatement(
  scope: ResponseScope,
  buckets: readonly TimeWindow[],
  themeId: string,
): NamedSql {
  return withParameters(
    sql`
      -- One row per bucket that has responses (position = the bucket's 1-based place).
      WITH ${analysed(scope, buckets, 'ALL_RESPONSES')}
      SELECT position::int, count(*)::int AS responses,
             count(*) FILTER (WHERE sentiment_score IS NOT NULL)::int AS commented,
             count(*) FILTER (WHERE :themeId::bigint = ANY(theme_ids))::int AS mentions
        FROM analysed GROUP BY position ORDER BY position`,
    { themeId },
  );
}

/** Sentiment labels of commented responses per NPS segment. */
export function sentimentSplitStatement(
  scope: ResponseScope,
  window: TimeWindow,
  dedupe: Dedupe,
): NamedSql {
  return sql`
    -- One row per segment with comments: how many are positive (≥ 0.05), neutral, negative (≤ −0.05).
    WITH ${analysed(scope, [window], dedupe)}
    SELECT CASE WHEN score >= 9 THEN 'PROMOTER' WHEN score >= 7 THEN 'PASSIVE' ELSE 'DETRACTOR' END AS segment,
           count(*)::int AS commented,
           count(*) FILTER (WHERE sentiment_score >= 0.05)::int AS positive,
           count(*) FILTER (WHERE sentiment_score > -0.05 AND sentiment_score < 0.05)::int AS neutral,
           count(*) FILTER (WHERE sentiment_score <= -0.05)::int AS negative,
           avg(sentiment_score)::float8 AS "meanScore"
      FROM analysed WHERE sentiment_score IS NOT NULL
     GROUP BY 1`;
}

/** The newest detractors' and promoters' comments of the window, for suggestions. */
export function suggestionCommentsStatement(
  scope: ResponseScope,
  window: TimeWindow,
  limit: number,
): NamedSql {
  return withParameters(
    sql`
      -- Up to :limit commented detractor or promoter responses, newest first: segment and comment.
      WITH ${analysed(scope, [window], 'ALL_RESPONSES')}
      SELECT CASE WHEN score >= 9 THEN 'PROMOTER' ELSE 'DETRACTOR' END AS segment, comment
        FROM analysed
       WHERE sentiment_score IS NOT NULL AND (score >= 9 OR score <= 6)
       ORDER BY responded_at DESC, id DESC LIMIT :limit`,
    { limit },
  );
}

/**
 * For matched responses of the window whose comment holds words: per group (mentions :themeId
 * or not) the number of respondents, and per group and event type the sum and sum of squares of
 * each one's count of that event in the :windowDays before the response.
 */
export function themeActivityStatement(
  scope: ResponseScope,
  window: TimeWindow,
  themeId: string,
  windowDays: number,
): NamedSql {
  return withParameters(
    sql`
      -- Rows with "eventType" null: respondents per group; other rows: per group and event type,
      -- respondents who did it, and the sum and sum of squares of their counts.
      WITH ${analysed(scope, [window], 'ALL_RESPONSES')},
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
        FROM counted GROUP BY mentions, name`,
    { themeId, windowDays },
  );
}
