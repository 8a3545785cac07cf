import { Injectable } from '@nestjs/common';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { Dedupe, ResponseScope } from '../sql/response-scope.sql';
import { type TimeWindow, alignedMiddle, edgesOf, isSlotAligned } from '../sql/slots';
import { scoreCountsFromRollupStatement, scoreCountsFromRowsStatement } from './distribution.sql';

/** Responses per score (11 entries, scores 0…10) of each window, in order. */
@Injectable()
export class DistributionRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /** Rollup for aligned middles of unfiltered ALL_RESPONSES windows, rows otherwise. */
  async scoreCountsPerWindow(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<number[][]> {
    if (dedupe !== 'ALL_RESPONSES' || scope.conditions.length > 0) {
      return this.fromRows(scope, windows, dedupe);
    }
    if (windows.every(isSlotAligned)) return this.fromRollup(scope.environmentId, windows);
    const middles = windows.map(alignedMiddle);
    const edges = windows.flatMap((window, index) =>
      edgesOf(window, middles[index]).map((edge) => ({ ...edge, index })),
    );
    const [fromRollup, fromRows] = await Promise.all([
      this.fromRollup(scope.environmentId, middles),
      edges.length > 0 ? this.fromRows(scope, edges, dedupe) : Promise.resolve([]),
    ]);
    edges.forEach((edge, position) => {
      fromRollup[edge.index] = fromRollup[edge.index].map(
        (count, score) => count + fromRows[position][score],
      );
    });
    return fromRollup;
  }

  private async fromRows(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<number[][]> {
    const rows = await this.sql.rows<{ position: string; score: number; responses: number }>(
      scoreCountsFromRowsStatement(scope, windows, dedupe),
    );
    const counts = windows.map(() => Array<number>(11).fill(0));
    for (const row of rows) counts[Number(row.position) - 1][row.score] = row.responses;
    return counts;
  }

  private async fromRollup(
    environmentId: string,
    windows: readonly TimeWindow[],
  ): Promise<number[][]> {
    const rows = await this.sql.rows<{ position: string; counts: number[] }>(
      scoreCountsFromRollupStatement(environmentId, windows),
    );
    const byPosition = new Map(rows.map((row) => [Number(row.position), row.counts]));
    return windows.map((_, index) => byPosition.get(index + 1) ?? Array<number>(11).fill(0));
  }
}
