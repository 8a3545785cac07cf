import { Injectable } from '@nestjs/common';
import type { UserPropertyCondition } from '../../store/user-filter.sql';
import { userFilterSql } from '../../store/user-filter.sql';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import { containsPattern } from '../sql/response-scope.sql';
import type { MatchedUserColumns } from '../shared/matched-user.model';

export interface ResponseListFilter {
  from: Date | null;
  to: Date | null;
  scoreRange: [number, number] | null;
  search: string | null;
  /** User-property conditions: only responses of matching users pass. */
  conditions: readonly UserPropertyCondition[];
}

export interface SurveyResponseRow extends MatchedUserColumns {
  id: string;
  responseId: string;
  personId: string | null;
  email: string | null;
  surveyType: string;
  score: number;
  isNps: boolean;
  comment: string | null;
  permalink: string | null;
  respondedAt: Date;
  updatedAt: Date | null;
  source: string;
}

/** WHERE clause of the response list and its count; pushes its parameters. */
function responseListFilterSql(
  environmentId: string,
  filter: ResponseListFilter,
  params: unknown[],
): string {
  params.push(
    environmentId,
    filter.from?.toISOString() ?? null,
    filter.to?.toISOString() ?? null,
    filter.scoreRange?.[0] ?? null,
    filter.scoreRange?.[1] ?? null,
    containsPattern(filter.search),
  );
  const [environment, from, to, low, high, search] = [1, 2, 3, 4, 5, 6].map(
    (k) => `$${params.length - 6 + k}`,
  );
  return `r.environment_id = ${environment}
    AND (${from}::timestamptz IS NULL OR r.responded_at >= ${from}) AND (${to}::timestamptz IS NULL OR r.responded_at < ${to})
    AND (${low}::int IS NULL OR (r.is_nps AND r.score BETWEEN ${low} AND ${high}))
    AND (${search}::text IS NULL OR r.comment ILIKE ${search})
    AND ${
      filter.conditions.length === 0
        ? 'TRUE'
        : `EXISTS (SELECT 1 FROM users fu WHERE fu.environment_id = r.environment_id AND fu.id = r.user_id
                    AND ${userFilterSql(filter.conditions, 'fu', params)})`
    }`;
}

/** The response list of every survey type, newest first, and its count. */
@Injectable()
export class ResponsesRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /** Up to `limit` responses of any survey type, newest first, after the (responded_at, id) cursor. */
  async listResponses(
    environmentId: string,
    filter: ResponseListFilter,
    after: { respondedAt: string; id: string } | null,
    limit: number,
  ): Promise<SurveyResponseRow[]> {
    const params: unknown[] = [];
    const where = responseListFilterSql(environmentId, filter, params);
    params.push(after?.respondedAt ?? null, after?.id ?? null, limit);
    const n = params.length;
    return this.sql.guarded((manager) =>
      manager.query(
        `SELECT r.id, r.response_id AS "responseId", r.person_id AS "personId", r.email, r.survey_type AS "surveyType",
                r.score, r.is_nps AS "isNps", r.comment, r.permalink, r.responded_at AS "respondedAt",
                r.response_updated_at AS "updatedAt", r.source,
                u.identity AS "userIdentity", u.properties AS "userProperties", u.id AS "userId"
           FROM survey_responses r
           LEFT JOIN users u ON u.environment_id = r.environment_id AND u.id = r.user_id
          WHERE ${where}
            AND ($${n - 2}::timestamptz IS NULL OR (r.responded_at, r.id) < ($${n - 2}::timestamptz, $${n - 1}::bigint))
          ORDER BY r.responded_at DESC, r.id DESC
          LIMIT $${n}`,
        params,
      ),
    );
  }

  /** One row: how many responses listResponses would page through. */
  async countResponses(environmentId: string, filter: ResponseListFilter): Promise<number> {
    const params: unknown[] = [];
    const where = responseListFilterSql(environmentId, filter, params);
    const [row] = await this.sql.guarded((manager) =>
      manager.query(`SELECT count(*)::int AS count FROM survey_responses r WHERE ${where}`, params),
    );
    return row.count;
  }
}
