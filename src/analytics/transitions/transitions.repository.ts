import { Injectable } from '@nestjs/common';
import type { MatchedUserColumns } from '../shared/matched-user.model';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { ResponseScope } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';
import type { NpsCategory } from '../math/nps-math';
import {
  responsesAroundRangeStatement,
  transitionCountsFromPairsStatement,
  transitionCountsFromTailsStatement,
  transitionCountsStatement,
  transitionPairsFromTableStatement,
  transitionPairsStatement,
} from './transitions.sql';

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
    }>(await this.countsStatement(scope, range));
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

  /**
   * Without a filter response_pairs answers: by the pairs inside the range, or, when fewer
   * responses lie outside it than inside (by the daily rollup), by the totals less the pairs
   * outside. A filter keeps only some responses of a respondent, so it pairs them from rows.
   */
  private async countsStatement(scope: ResponseScope, range: TimeWindow) {
    if (scope.conditions.length > 0) return transitionCountsStatement(scope, range);
    const [around] = await this.sql.rows<{ before: number; after: number; total: number }>(
      responsesAroundRangeStatement(scope.environmentId, range),
    );
    const inside = around.total - around.before - around.after;
    // The tails read the pairs before `from` twice (by previous and by chain time).
    return 2 * around.before + around.after < inside
      ? transitionCountsFromTailsStatement(scope.environmentId, range)
      : transitionCountsFromPairsStatement(scope.environmentId, range);
  }

  /** Up to `limit` pairs of one cell, the latest first. */
  pairs(
    scope: ResponseScope,
    range: TimeWindow,
    cell: { from: NpsCategory; to: NpsCategory },
    limit: number,
  ): Promise<TransitionPairRow[]> {
    return this.sql.rows<TransitionPairRow>(
      scope.conditions.length > 0
        ? transitionPairsStatement(scope, range, cell, limit)
        : transitionPairsFromTableStatement(scope.environmentId, range, cell, limit),
    );
  }
}
