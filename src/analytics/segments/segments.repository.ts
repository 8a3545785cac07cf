import { Injectable } from '@nestjs/common';
import type { NpsCategory } from '../math/nps-math';
import type { MatchedUserColumns } from '../shared/matched-user.model';
import { AnalyticsSqlRunner } from '../sql/analytics-sql.runner';
import type { CategoryCounts } from '../sql/category-counts';
import { NewestResponseRepository } from '../sql/newest-response.repository';
import type { ResponseScope } from '../sql/response-scope.sql';
import {
  MemberActivity,
  MemberCursor,
  eventTypeKnownStatement,
  segmentCountAsOfStatement,
  segmentCountFromTableStatement,
  segmentCountsAsOfStatement,
  segmentCountsSinceStatement,
  segmentEventUsageStatement,
  segmentMembersAsOfStatement,
  segmentMembersFromTableStatement,
  segmentTotalsNowStatement,
} from './segments.sql';

/** Respondents per segment (and all of them as `responses`). */
export type SegmentTotals = Omit<CategoryCounts, 'scoreSum'>;

const SEGMENT_TOTAL_KEYS = {
  PROMOTER: 'promoters',
  PASSIVE: 'passives',
  DETRACTOR: 'detractors',
} as const satisfies Record<NpsCategory, keyof SegmentTotals>;

export interface SegmentMemberRow extends MatchedUserColumns {
  id: string;
  personId: string | null;
  email: string | null;
  score: number;
  respondedAt: Date;
  comment: string | null;
}

/** One row of segmentEventUsage. */
export interface SegmentEventUsageRow {
  category: NpsCategory;
  members: number;
  matched: number;
  withEvent: number;
  events: number;
}

/** Segments by each respondent's latest response: totals, members, and their use of an event. */
@Injectable()
export class SegmentsRepository {
  constructor(
    private readonly sql: AnalyticsSqlRunner,
    private readonly newest: NewestResponseRepository,
  ) {}

  /**
   * How many respondents have their latest NPS response (time ≤ asOf, and ≥ asOf − maxAgeDays
   * when given) in each category.
   */
  async segmentCounts(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
  ): Promise<SegmentTotals> {
    if (await this.newest.latestTableAnswers(scope, asOf)) {
      if (since === null) return this.segmentTotalsNow(scope.environmentId);
      const [row] = await this.sql.rows<SegmentTotals>(
        segmentCountsSinceStatement(scope.environmentId, since),
      );
      return row;
    }
    const [row] = await this.sql.rows<SegmentTotals>(
      segmentCountsAsOfStatement(scope, asOf, since),
    );
    return row;
  }

  /** Everyone's segment totals from the one row respondent_segment_counts keeps per environment. */
  private async segmentTotalsNow(environmentId: string): Promise<SegmentTotals> {
    const [row] = await this.sql.rows<SegmentTotals>(segmentTotalsNowStatement(environmentId));
    return row ?? { responses: 0, promoters: 0, passives: 0, detractors: 0 };
  }

  /**
   * How many respondents are in one segment as of `asOf` (index-only when it can), only those
   * matching `search` and `activity` when given.
   */
  async segmentCount(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
    segment: NpsCategory,
    search: string | null = null,
    activity: MemberActivity | null = null,
  ): Promise<number> {
    const fromTable = await this.newest.latestTableAnswers(scope, asOf);
    if (fromTable && since === null && search === null && activity === null) {
      const totals = await this.segmentTotalsNow(scope.environmentId);
      return totals[SEGMENT_TOTAL_KEYS[segment]];
    }
    if (fromTable) {
      const [row] = await this.sql.rows<{ count: number }>(
        segmentCountFromTableStatement(scope.environmentId, segment, since, search, activity),
      );
      return row.count;
    }
    if (search === null && activity === null) {
      const counts = await this.segmentCounts(scope, asOf, since);
      return counts[SEGMENT_TOTAL_KEYS[segment]];
    }
    const [row] = await this.sql.rows<{ count: number }>(
      segmentCountAsOfStatement(scope, asOf, since, segment, search, activity),
    );
    return row.count;
  }

  /**
   * Up to `limit` members of a segment as of `asOf`, newest response first, after the
   * (responded_at, id) cursor: their latest response and matched user. With `search`, only members
   * whose email, person id, comment or user identity contains it (case-insensitive). With
   * `activity`, only matched members who did (or did not) its event type in the window before
   * their latest response.
   */
  async segmentMembers(
    scope: ResponseScope,
    asOf: Date,
    since: Date | null,
    segment: NpsCategory,
    after: MemberCursor | null,
    limit: number,
    search: string | null = null,
    activity: MemberActivity | null = null,
  ): Promise<SegmentMemberRow[]> {
    const statement = (await this.newest.latestTableAnswers(scope, asOf))
      ? segmentMembersFromTableStatement(
          scope.environmentId,
          segment,
          since,
          after,
          limit,
          search,
          activity,
        )
      : segmentMembersAsOfStatement(scope, asOf, since, segment, after, limit, search, activity);
    return this.sql.rows<SegmentMemberRow>(statement);
  }

  /** Whether the environment has tracked `eventType` at least once. */
  async eventTypeKnown(environmentId: string, eventType: string): Promise<boolean> {
    const [row] = await this.sql.rows<{ known: boolean }>(
      eventTypeKnownStatement(environmentId, eventType),
    );
    return row.known;
  }

  /**
   * One row per segment category: respondents (latest NPS response ≤ asOf), how many are matched
   * to a user, how many of those did `eventType` in [t − windowDays·24h, t), and the total count.
   */
  async segmentEventUsage(
    scope: ResponseScope,
    asOf: Date,
    eventType: string,
    windowDays: number,
  ): Promise<SegmentEventUsageRow[]> {
    const fromTable = await this.newest.latestTableAnswers(scope, asOf);
    return this.sql.rows<SegmentEventUsageRow>(
      segmentEventUsageStatement(scope, fromTable, asOf, eventType, windowDays),
    );
  }
}
