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
  /** User-property conditions: only responses of matching users pass. */
  conditions: readonly UserPropertyCondition[];
}

/** A keyset cursor: the (responded_at, id) of the last row of the previous page. */
export interface ResponseCursor {
  respondedAt: string;
  id: string;
}

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
      AND (:search::text IS NULL OR r.comment ILIKE :search)
      AND ${users}`,
    {
      environmentId,
      from: filter.from?.toISOString() ?? null,
      to: filter.to?.toISOString() ?? null,
      low: filter.scoreRange?.[0] ?? null,
      high: filter.scoreRange?.[1] ?? null,
      search: containsPattern(filter.search),
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
  return withParameters(
    sql`
      -- Up to :limit responses of any survey type, newest first after the cursor, with their user.
      SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
             r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
             r.response_updated_at AS "updatedAt", r.source,
             u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
        FROM survey_responses r
        LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
       WHERE ${listed(environmentId, filter)}
         AND (:afterTime::timestamptz IS NULL OR (r.responded_at, r.id) < (:afterTime::timestamptz, :afterId::bigint))
       ORDER BY r.responded_at DESC, r.id DESC
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
    SELECT count(*)::int AS count FROM survey_responses r
     WHERE ${listed(environmentId, filter)}`;
}
