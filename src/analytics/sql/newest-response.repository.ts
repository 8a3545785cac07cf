import { Injectable } from '@nestjs/common';
import { AnalyticsSqlRunner } from './analytics-sql.runner';
import { newestResponseStatement } from './newest-response.sql';
import type { ResponseScope } from './response-scope.sql';

/** The newest NPS response, which says whether the "latest response" rollups answer a question. */
@Injectable()
export class NewestResponseRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /** Time of the environment's newest NPS response (null when it has none). */
  async newestResponseTime(environmentId: string): Promise<Date | null> {
    const [row] = await this.sql.rows<{ newest: string | Date | null }>(
      newestResponseStatement(environmentId),
    );
    return row.newest ? new Date(row.newest) : null;
  }

  /**
   * respondent_latest answers "as of" questions exactly when no filter applies and no response
   * is newer than asOf (then everyone's latest response is their latest as of then).
   */
  async latestTableAnswers(scope: ResponseScope, asOf: Date): Promise<boolean> {
    if (scope.conditions.length > 0) return false;
    const newest = await this.newestResponseTime(scope.environmentId);
    return newest === null || newest.getTime() <= asOf.getTime();
  }
}
