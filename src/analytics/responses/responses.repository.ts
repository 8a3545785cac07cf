import { Injectable } from '@nestjs/common';
import type { MatchedUserColumns } from '../shared/matched-user.model';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import {
  ResponseCursor,
  ResponseListFilter,
  countResponsesStatement,
  listResponsesStatement,
} from './responses.sql';

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
  sentimentScore: number | null;
  themeIds: string[];
  searchRank: number;
}

/** The response list of every survey type, newest first, and its count. */
@Injectable()
export class ResponsesRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /** Up to `limit` responses of any survey type, newest first, after the (responded_at, id) cursor. */
  listResponses(
    environmentId: string,
    filter: ResponseListFilter,
    after: ResponseCursor | null,
    limit: number,
  ): Promise<SurveyResponseRow[]> {
    return this.sql.rows<SurveyResponseRow>(
      listResponsesStatement(environmentId, filter, after, limit),
    );
  }

  /** How many responses listResponses would page through. */
  async countResponses(environmentId: string, filter: ResponseListFilter): Promise<number> {
    const [row] = await this.sql.rows<{ count: number }>(
      countResponsesStatement(environmentId, filter),
    );
    return row.count;
  }
}
