import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Tables a Delighted backfill grows, with the analytics tables its triggers fill. */
export const SYNC_TABLES = [
  'survey_responses',
  'users',
  'events',
  'nps_rollup_15m',
  'nps_rollup_1d',
  'respondent_latest',
  'respondent_segment_counts',
  'user_latest_nps',
  'response_activity_30d',
  'user_latest_event_times',
  'response_pairs',
  'response_pair_counts',
  'account_latest_counts',
  'theme_mentions_1d',
] as const;

/** Tables tracked events grow: the events, their users and rollup, and the 30-day activity. */
export const TRACKED_TABLES = ['events', 'users', 'event_types', 'response_activity_30d'] as const;

/** Tables the comment analysis job grows: the analyses and the theme mentions they count. */
export const COMMENT_TABLES = ['comment_analysis', 'theme_mentions_1d'] as const;

export type AnalyzedTable =
  (typeof SYNC_TABLES)[number] | (typeof TRACKED_TABLES)[number] | (typeof COMMENT_TABLES)[number];

/** Refreshes planner statistics (ANALYZE) of tables a writer has grown. */
@Injectable()
export class PlannerStatisticsRepository {
  /** One ANALYZE per table list at a time: writers crossing a mark together share it. */
  private readonly running = new Map<string, Promise<void>>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  analyze(tables: readonly AnalyzedTable[]): Promise<void> {
    const list = tables.join(', ');
    let pending = this.running.get(list);
    if (!pending) {
      // The names come from the constants above, never from input.
      pending = this.dataSource
        .query(`ANALYZE ${list}`)
        .then(() => undefined)
        .finally(() => this.running.delete(list));
      this.running.set(list, pending);
    }
    return pending;
  }
}
