import { Injectable } from '@nestjs/common';
import { AnalyticsSqlRunner } from './analytics-sql.runner';
import { COUNTS, CategoryCounts, addCounts, emptyCounts } from './category-counts';
import { Dedupe, ResponseScope, windowedResponsesSql } from './response-scope.sql';
import { TimeWindow, alignedMiddle, edgesOf, isSlotAligned } from './slots';

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

  /** One row per window (in order), counted from survey_responses. */
  private async countsPerWindowFromRows(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
  ): Promise<CategoryCounts[]> {
    const params: unknown[] = [];
    const ctes = windowedResponsesSql(scope, windows, dedupe, params);
    const rows: Array<CategoryCounts & { position: string }> = await this.sql.guarded((manager) =>
      manager.query(
        `WITH ${ctes} SELECT position, ${COUNTS} FROM chosen GROUP BY position`,
        params,
      ),
    );
    const byPosition = new Map(rows.map((row) => [Number(row.position), row]));
    return windows.map((_, index) => byPosition.get(index + 1) ?? emptyCounts());
  }

  /**
   * Same answer as countsPerWindow for ALL_RESPONSES without a filter, from the 15-minute rollup:
   * one row per window (in order), summing the slots inside it.
   */
  private async countsPerWindowFromRollup(
    environmentId: string,
    windows: readonly TimeWindow[],
  ): Promise<CategoryCounts[]> {
    const rows: Array<CategoryCounts & { position: string }> = await this.sql.guarded((manager) =>
      manager.query(
        // LATERAL: one index range scan of the slots per window, whatever the row estimates.
        `SELECT w.position, slots.responses, slots.promoters, slots.passives, slots.detractors, slots."scoreSum"
           FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS w(window_start, window_end, position)
           CROSS JOIN LATERAL (
             SELECT coalesce(sum(r.responses), 0)::int AS responses, coalesce(sum(r.promoters), 0)::int AS promoters,
                    coalesce(sum(r.passives), 0)::int AS passives, coalesce(sum(r.detractors), 0)::int AS detractors,
                    coalesce(sum(r.score_sum), 0)::int AS "scoreSum"
               FROM nps_rollup_15m r
              WHERE r.environment_id = $1 AND r.slot >= w.window_start AND r.slot < w.window_end) slots`,
        [
          environmentId,
          windows.map((window) => window.from.toISOString()),
          windows.map((window) => window.to.toISOString()),
        ],
      ),
    );
    const byPosition = new Map(rows.map((row) => [Number(row.position), row]));
    return windows.map((_, index) => byPosition.get(index + 1) ?? emptyCounts());
  }
}
