import { Injectable } from '@nestjs/common';
import { AnalyticsSqlRunner } from './analytics-sql.runner';
import { CategoryCounts, addCounts, emptyCounts } from './category-counts';
import type { Dedupe, FilterPlan, ResponseScope } from './response-scope.sql';
import { TimeWindow, alignedMiddle, edgesOf, isSlotAligned } from './slots';
import { coverIsCheaper, coverWindows } from './window-cover';
import { countsFromRollupStatement, countsFromRowsStatement } from './window-counts.sql';

/** Category counts per time window, the figures of summaries and plain trends. */
@Injectable()
export class WindowCountsRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /** One row per window (in order): category counts of the NPS responses with time in it. */
  async countsPerWindow(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    if (dedupe === 'ALL_RESPONSES' && scope.conditions.length === 0) {
      if (windows.every(isSlotAligned))
        return this.countsPerWindowFromRollup(scope.environmentId, windows);
      // The slot-aligned middle of each window from the rollup, its (< 15 min) edges from rows.
      const middles = windows.map(alignedMiddle);
      const edges = windows.flatMap((window, index) =>
        edgesOf(window, middles[index]).map((edge) => ({ ...edge, index })),
      );
      const [fromRollup, fromRows] = await Promise.all([
        this.countsPerWindowFromRollup(scope.environmentId, middles),
        edges.length > 0 ? this.countsPerWindowFromRows(scope, edges, dedupe) : Promise.resolve([]),
      ]);
      edges.forEach(
        (edge, position) =>
          (fromRollup[edge.index] = addCounts(fromRollup[edge.index], fromRows[position])),
      );
      return fromRollup;
    }
    return this.countsPerWindowFromRows(scope, windows, dedupe);
  }

  /**
   * One row per window (in order), counted from survey_responses. Overlapping windows without
   * dedupe (alert rules' windows at many times) are counted as the disjoint pieces they cover,
   * each response once, and summed per window.
   */
  private async countsPerWindowFromRows(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    if (dedupe === 'ALL_RESPONSES') {
      const cover = coverWindows(windows);
      if (coverIsCheaper(windows, cover)) {
        // A cover spans a bounded time (rule windows): its responses checked against the filter.
        const counts = await this.countsOfEachWindow(scope, cover.pieces, dedupe, 'hashedUsers');
        return cover.piecesOf.map((positions) =>
          positions.reduce((total, position) => addCounts(total, counts[position]), emptyCounts()),
        );
      }
    }
    return this.countsOfEachWindow(scope, windows, dedupe);
  }

  private async countsOfEachWindow(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
    plan: FilterPlan = 'join',
  ): Promise<CategoryCounts[]> {
    const rows = await this.sql.rows<CategoryCounts & { position: string }>(
      countsFromRowsStatement(scope, windows, dedupe, plan),
    );
    return inWindowOrder(windows, rows);
  }

  /**
   * Same answer as countsPerWindow for ALL_RESPONSES without a filter, from the 15-minute rollup:
   * one row per window (in order), summing the slots inside it.
   */
  private async countsPerWindowFromRollup(
    environmentId: string,
    windows: readonly TimeWindow[],
  ): Promise<CategoryCounts[]> {
    const rows = await this.sql.rows<CategoryCounts & { position: string }>(
      countsFromRollupStatement(environmentId, windows),
    );
    return inWindowOrder(windows, rows);
  }
}

/** The counts of each window in order, zeros for a window without a row. */
function inWindowOrder(
  windows: readonly TimeWindow[],
  rows: ReadonlyArray<CategoryCounts & { position: string }>,
): CategoryCounts[] {
  const byPosition = new Map(rows.map((row) => [Number(row.position), row]));
  return windows.map((_, index) => byPosition.get(index + 1) ?? emptyCounts());
}
