import { Injectable } from '@nestjs/common';
import { activityTableAnswers } from '../sql/activity-table';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import { NewestResponseRepository } from '../sql/newest-response.repository';
import type { ResponseScope } from '../sql/response-scope.sql';
import { correlationInputsFromDaysStatement, correlationInputsStatement } from './correlations.sql';

/** Users of one event type with one (x, score), x > 0. */
export interface SparseRow {
  name: string;
  x: number;
  score: number;
  users: number;
}

/** The observations of activityCorrelations, as sparse frequency tables per event type. */
@Injectable()
export class CorrelationsRepository {
  constructor(
    private readonly sql: AnalyticsSqlRunner,
    private readonly newest: NewestResponseRepository,
  ) {}

  /**
   * Observations for activity correlations: each matched respondent's latest NPS response in
   * [from, to). Returns the score histogram of all observations, and per event type the sparse
   * frequency table (x > 0 only) of (x = events in [t − windowDays·24h, t), score) — users who
   * never did the event enter through the totals, never as rows.
   */
  async correlationInputs(
    scope: ResponseScope,
    from: Date,
    to: Date,
    windowDays: number,
  ): Promise<{ scoreCounts: number[]; sparse: SparseRow[] }> {
    const newest = await this.newest.newestResponseTime(scope.environmentId);
    const latestKnown = newest === null || newest.getTime() < to.getTime();
    // Whole days come from the daily rollups when they answer: no filter, the default window.
    const fromDays =
      latestKnown && activityTableAnswers(windowDays, null) && scope.conditions.length === 0;
    // Rows with a null name are the score histogram.
    const rows = await this.sql.rows<Omit<SparseRow, 'name'> & { name: string | null }>(
      fromDays
        ? correlationInputsFromDaysStatement(scope.environmentId, from, to)
        : correlationInputsStatement(scope, from, to, windowDays, latestKnown),
    );
    const scoreCounts = Array.from({ length: 11 }, () => 0);
    const sparse: SparseRow[] = [];
    for (const row of rows) {
      if (row.name === null) scoreCounts[row.score] = row.users;
      else sparse.push({ name: row.name, x: row.x, score: row.score, users: row.users });
    }
    return { scoreCounts, sparse };
  }
}
