import { Injectable } from '@nestjs/common';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { CategoryCounts } from '../sql/category-counts';
import type { Dedupe, ResponseScope } from '../sql/response-scope.sql';
import { type TimeWindow, splitIntoUtcDays } from '../sql/slots';
import {
  countsPerWindowAndTierFromHistogramStatement,
  histogramAnswers,
} from '../sql/engagement-histogram.sql';
import { type Engagement, countsPerWindowAndTierStatement } from '../sql/engagement-tiers.sql';
import {
  countsPerWindowAndValueFromRollupStatement,
  countsPerWindowAndValueStatement,
  propertyFactsStatement,
} from './change.sql';

/** Counts per window and segment, the segment a tier index or a property value (null: none). */
export type SegmentRow<K> = CategoryCounts & { window: number; segment: K };

/** The counts of npsChange: per period and segment (engagement tier or property value). */
@Injectable()
export class ChangeRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  /**
   * One row per (window, tier) with responses; tier null for unmatched responses. Every response
   * over the default window and every type: from the daily histogram (whole UTC days) and
   * response_engagement_30d (the edges), as npsTrend reads it.
   */
  async countsPerWindowAndTier(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
    engagement: Engagement,
  ): Promise<Array<SegmentRow<number | null>>> {
    const rows = await this.sql.rows<CategoryCounts & { position: string; tier: number | null }>(
      histogramAnswers(scope, dedupe, engagement)
        ? countsPerWindowAndTierFromHistogramStatement(
            scope.environmentId,
            splitIntoUtcDays(windows),
            engagement.thresholds,
          )
        : countsPerWindowAndTierStatement(scope, windows, dedupe, engagement),
    );
    // Histogram rows can have dropped to zero responses: the rows of a scan never do.
    return rows
      .filter((row) => row.responses > 0)
      .map(({ position, tier, ...counts }) => ({
        ...counts,
        window: Number(position),
        segment: tier === null ? null : Number(tier),
      }));
  }

  /**
   * One row per (window, property value) with responses; value null when the user has none.
   * A breakdown property (`rolledUp`) over every response: whole days from property_nps_1d.
   */
  async countsPerWindowAndValue(
    scope: ResponseScope,
    windows: readonly TimeWindow[],
    dedupe: Dedupe,
    property: { name: string; rolledUp: boolean },
  ): Promise<Array<SegmentRow<string | null>>> {
    const fromRollup =
      property.rolledUp && dedupe === 'ALL_RESPONSES' && scope.conditions.length === 0;
    const rows = await this.sql.rows<CategoryCounts & { position: string; value: string | null }>(
      fromRollup
        ? countsPerWindowAndValueFromRollupStatement(
            scope.environmentId,
            splitIntoUtcDays(windows),
            property.name,
          )
        : countsPerWindowAndValueStatement(scope, windows, dedupe, property.name),
    );
    return rows.map(({ position, value, ...counts }) => ({
      ...counts,
      window: Number(position),
      segment: value,
    }));
  }

  /** Whether some user of the environment carries `property`, and whether it is rolled up. */
  async propertyFacts(
    environmentId: string,
    property: string,
  ): Promise<{ known: boolean; rolledUp: boolean }> {
    const [row] = await this.sql.rows<{ known: boolean; rolledUp: boolean }>(
      propertyFactsStatement(environmentId, property),
    );
    return row;
  }
}
