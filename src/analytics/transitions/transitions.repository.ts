import { Injectable } from '@nestjs/common';
import type { MatchedUserColumns } from '../shared/matched-user.model';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { ResponseScope } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';
import type { NpsCategory } from '../math/nps-math';
import { transitionCountsStatement, transitionPairsStatement } from './transitions.sql';

export interface TransitionPairRow extends MatchedUserColumns {
  email: string | null;
  personId: string | null;
  previousScore: number;
  previousAt: Date;
  score: number;
  respondedAt: Date;
  comment: string | null;
}

/** Consecutive response pairs of respondents over a range (segmentTransitions). */
@Injectable()
export class TransitionsRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /** The cells with pairs, and the totals (pairs, respondents with two or more responses). */
  async counts(
    scope: ResponseScope,
    range: TimeWindow,
  ): Promise<{
    cells: Array<{ from: NpsCategory; to: NpsCategory; count: number }>;
    pairs: number;
    respondents: number;
  }> {
    const rows = await this.sql.rows<{
      from: NpsCategory | null;
      to: NpsCategory | null;
      pairs: number;
      respondents: number;
      total: boolean;
    }>(transitionCountsStatement(scope, range));
    const total = rows.find((row) => row.total);
    return {
      cells: rows
        .filter((row) => !row.total)
        .map((row) => ({
          from: row.from as NpsCategory,
          to: row.to as NpsCategory,
          count: row.pairs,
        })),
      pairs: total?.pairs ?? 0,
      respondents: total?.respondents ?? 0,
    };
  }

  /** Up to `limit` pairs of one cell, the latest first. */
  pairs(
    scope: ResponseScope,
    range: TimeWindow,
    cell: { from: NpsCategory; to: NpsCategory },
    limit: number,
  ): Promise<TransitionPairRow[]> {
    return this.sql.rows<TransitionPairRow>(transitionPairsStatement(scope, range, cell, limit));
  }
}
