import { Injectable } from '@nestjs/common';
import type { CategoryCounts } from '../sql/category-counts';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { Dedupe, ResponseScope } from '../sql/response-scope.sql';
import type { TimeWindow } from '../sql/slots';
import {
  sentimentSplitStatement,
  suggestionCommentsStatement,
  themeActivityStatement,
  themeCountsFromRollupStatement,
  themeCountsStatement,
  themeNamesStatement,
  themePatternsStatement,
  themeTrendStatement,
} from './themes.sql';

export interface ThemeCountsRow extends CategoryCounts {
  themeId: string | null;
  commented: number;
}

export interface ThemeTrendRow {
  position: number;
  responses: number;
  commented: number;
  mentions: number;
}

export interface SentimentSplitRow {
  segment: 'PROMOTER' | 'PASSIVE' | 'DETRACTOR';
  commented: number;
  positive: number;
  neutral: number;
  negative: number;
  meanScore: number;
}

export interface ThemeActivityRow {
  mentions: boolean;
  eventType: string | null;
  respondents: number;
  sum: number;
  sumOfSquares: number;
}

/** The SQL of the theme questions (themes.sql.ts). */
@Injectable()
export class ThemesRepository {
  constructor(private readonly sql: AnalyticsSqlRunner) {}

  themeNames(environmentId: string): Promise<Array<{ id: string; name: string }>> {
    return this.sql.rows(themeNamesStatement(environmentId));
  }

  themePatterns(
    environmentId: string,
  ): Promise<Array<{ id: string; name: string; patterns: string[] }>> {
    return this.sql.rows(themePatternsStatement(environmentId));
  }

  /**
   * Category counts of the window's responses (themeId null) and of those mentioning each theme:
   * from the daily rollups for ALL_RESPONSES without a filter, else from rows.
   */
  themeCounts(scope: ResponseScope, window: TimeWindow, dedupe: Dedupe): Promise<ThemeCountsRow[]> {
    if (dedupe === 'ALL_RESPONSES' && scope.conditions.length === 0)
      return this.sql.rows(themeCountsFromRollupStatement(scope.environmentId, window));
    return this.sql.rows(themeCountsStatement(scope, window, dedupe));
  }

  themeTrend(
    scope: ResponseScope,
    buckets: readonly TimeWindow[],
    themeId: string,
  ): Promise<ThemeTrendRow[]> {
    return this.sql.rows(themeTrendStatement(scope, buckets, themeId));
  }

  sentimentSplit(
    scope: ResponseScope,
    window: TimeWindow,
    dedupe: Dedupe,
  ): Promise<SentimentSplitRow[]> {
    return this.sql.rows(sentimentSplitStatement(scope, window, dedupe));
  }

  suggestionComments(
    scope: ResponseScope,
    window: TimeWindow,
    limit: number,
  ): Promise<Array<{ segment: 'PROMOTER' | 'DETRACTOR'; comment: string }>> {
    return this.sql.rows(suggestionCommentsStatement(scope, window, limit));
  }

  themeActivity(
    scope: ResponseScope,
    window: TimeWindow,
    themeId: string,
    windowDays: number,
  ): Promise<ThemeActivityRow[]> {
    return this.sql.rows(themeActivityStatement(scope, window, themeId, windowDays));
  }
}
