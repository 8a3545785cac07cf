import type { NamedSql } from '../../database/named-sql';
import type { UserPropertyCondition } from '../../store/user-filter.sql';
import { userFilterNamedSql } from '../../store/user-filter.sql';
import { sql, withParameters } from '../sql/named-fragment';
import { containsPattern } from '../sql/response-scope.sql';

export interface ResponseListFilter {
  from: Date | null;
  to: Date | null;
  scoreRange: [number, number] | null;
  search: string | null;
  /** POSITIVE, NEUTRAL or NEGATIVE: only comments of that sentiment. */
  sentiment?: string | null;
  /** A theme id: only comments mentioning it. */
  themeId?: string | null;
  /** User-property conditions: only responses of matching users pass. */
  conditions: readonly UserPropertyCondition[];
}

/** A keyset cursor: the (rank with a search, responded_at, id) of the last row of the previous page. */
export interface ResponseCursor {
  rank?: number | null;
  respondedAt: string;
  id: string;
}

/** Full-text match of the comment with a web-search style query (docs/comment-analysis.md, "Search"). */
const COMMENT_DOCUMENT = `to_tsvector('english', coalesce(r.comment, ''))`;
const SEARCH_QUERY = `websearch_to_tsquery('english', :searchQuery)`;

/** ts_rank of the comment for the search, 0 without one (or when only an email or id matched). */
const RANK = `CASE WHEN :searchQuery::text IS NULL THEN 0::real ELSE ts_rank(${COMMENT_DOCUMENT}, ${SEARCH_QUERY}) END`;

/** The comment analysis of each listed response (a), joined by every statement of the list. */
const ANALYSIS = `LEFT JOIN comment_analysis a ON a.environment_id = r.environment_id AND a.response_row_id = r.id`;

/** Condition on `r` (survey_responses): the responses the list shows and counts. */
function listed(environmentId: string, filter: ResponseListFilter): NamedSql {
  const users =
    filter.conditions.length === 0
      ? 'TRUE'
      : sql`
        EXISTS (SELECT 1 FROM users fu
                 WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                   AND ${userFilterNamedSql(filter.conditions, 'fu')})`;
  return withParameters(
    sql`
      r.environment_id = :environmentId
      AND (:from::timestamptz IS NULL OR r.responded_at >= :from)
      AND (:to::timestamptz IS NULL OR r.responded_at < :to)
      AND (:low::int IS NULL OR (r.is_nps AND r.score BETWEEN :low AND :high))
      AND (:searchQuery::text IS NULL OR ${COMMENT_DOCUMENT} @@ ${SEARCH_QUERY}
           OR r.email ILIKE :search OR r.response_id ILIKE :search OR r.person_id ILIKE :search)
      AND (:sentiment::text IS NULL OR CASE WHEN a.sentiment_score >= 0.05 THEN 'POSITIVE'
                                            WHEN a.sentiment_score <= -0.05 THEN 'NEGATIVE'
                                            WHEN a.sentiment_score IS NOT NULL THEN 'NEUTRAL' END = :sentiment)
      AND (:themeId::bigint IS NULL OR :themeId::bigint = ANY(a.theme_ids))
      AND ${users}`,
    {
      environmentId,
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      low: filter.scoreRange?.[0] ?? null,
      high: filter.scoreRange?.[1] ?? null,
      search: containsPattern(filter.search),
      searchQuery: filter.search,
      sentiment: filter.sentiment ?? null,
      themeId: filter.themeId ?? null,
    },
  );
}

/** A page of the response list, newest first. */
export function listResponsesStatement(
  environmentId: string,
  filter: ResponseListFilter,
  after: ResponseCursor | null,
  limit: number,
): NamedSql {
  // With a search: best match first (then newest); without: newest first.
  const order =
    filter.search === null
      ? sql`
       WHERE ${listed(environmentId, filter)}
         AND (:afterTime::timestamptz IS NULL OR (r.responded_at, r.id) < (:afterTime::timestamptz, :afterId::bigint))
       ORDER BY r.responded_at DESC, r.id DESC`
      : withParameters(
          sql`
       WHERE ${listed(environmentId, filter)}
         AND (:afterTime::timestamptz IS NULL
              OR (${RANK}, r.responded_at, r.id) < (:afterRank::real, :afterTime::timestamptz, :afterId::bigint))
       ORDER BY ${RANK} DESC, r.responded_at DESC, r.id DESC`,
          { afterRank: after?.rank ?? null },
        );
  return withParameters(
    sql`
      -- Up to :limit responses of any survey type after the cursor, with their user, sentiment and
      -- themes; newest first, or with a search best match (ts_rank of the comment) first.
      SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
             r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
             r.response_updated_at AS "updatedAt", r.source,
             u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId",
             a.sentiment_score AS "sentimentScore",
             (SELECT coalesce(array_agg(t.id::text ORDER BY t.position), '{}') FROM comment_themes t
               WHERE t.environment_id = r.environment_id AND t.id = ANY(a.theme_ids)) AS "themeIds",
             ${RANK} AS "searchRank"
        FROM survey_responses r
        LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
        ${ANALYSIS}
        ${order}
       LIMIT :limit`,
    { afterTime: after?.respondedAt ?? null, afterId: after?.id ?? null, limit },
  );
}

/** How many responses the list pages through. */
export function countResponsesStatement(
  environmentId: string,
  filter: ResponseListFilter,
): NamedSql {
  return sql`
    -- One row: the number of responses listed.
    SELECT count(*)::int AS count FROM survey_responses r ${ANALYSIS}
     WHERE ${listed(environmentId, filter)}`;
}
