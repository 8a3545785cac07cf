import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../common/app-error';
import { Connection, toConnection } from '../../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../../common/cursor';
import { AppConfig } from '../../config/app-config';
import type { UserFilter } from '../../graphql/user-filter.input';
import { DAY_MS } from '../math/time-buckets';
import { checkDays, cleanSearch } from '../shared/analytics-arguments';
import { NpsSegment } from '../shared/analytics.input';
import { analyticsScope } from '../shared/analytics-scope';
import { matchedUser } from '../shared/matched-user.model';
import { SegmentComparisonRowModel, SegmentCountModel, SegmentMemberModel } from './segments.model';
import { SegmentActivityInput } from './segments.input';
import { SegmentMemberRow, SegmentsRepository } from './segments.repository';
import type { MemberActivity } from './segments.sql';

function toMember(row: SegmentMemberRow): SegmentMemberModel {
  return {
    email: row.email,
    personId: row.personId,
    score: row.score,
    respondedAt: row.respondedAt,
    comment: row.comment,
    user: matchedUser(row),
  };
}

/** Segments by each respondent's latest response (docs/nps-method.md): totals, members, event use. */
@Injectable()
export class SegmentsService {
  constructor(
    private readonly repository: SegmentsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private asOfWindow(
    asOf?: Date | null,
    maxAgeDays?: number | null,
  ): { asOf: Date; since: Date | null } {
    const at = asOf ?? new Date();
    if (maxAgeDays === null || maxAgeDays === undefined) return { asOf: at, since: null };
    if (!Number.isInteger(maxAgeDays) || maxAgeDays < 1 || maxAgeDays > 3650) {
      throw AppError.badInput('maxAgeDays must be a whole number from 1 to 3650.', 'maxAgeDays');
    }
    return { asOf: at, since: new Date(at.getTime() - maxAgeDays * DAY_MS) };
  }

  async segmentSummary(
    principal: Principal | null,
    environmentId: string,
    args: { asOf?: Date | null; maxAgeDays?: number | null; filter?: UserFilter | null },
  ): Promise<SegmentCountModel[]> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const { asOf, since } = this.asOfWindow(args.asOf, args.maxAgeDays);
    const counts = await this.repository.segmentCounts(scope, asOf, since);
    const share = (count: number) => (counts.responses > 0 ? count / counts.responses : null);
    return [
      { segment: NpsSegment.PROMOTER, count: counts.promoters, share: share(counts.promoters) },
      { segment: NpsSegment.PASSIVE, count: counts.passives, share: share(counts.passives) },
      { segment: NpsSegment.DETRACTOR, count: counts.detractors, share: share(counts.detractors) },
    ];
  }

  async segmentMembers(
    principal: Principal | null,
    environmentId: string,
    args: {
      segment: NpsSegment;
      asOf?: Date | null;
      maxAgeDays?: number | null;
      filter?: UserFilter | null;
      first?: number | null;
      after?: string | null;
      search?: string | null;
      activity?: SegmentActivityInput | null;
    },
  ): Promise<Connection<SegmentMemberModel>> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const { asOf, since } = this.asOfWindow(args.asOf, args.maxAgeDays);
    const limit = pageSize(args.first, 50, this.config.graphqlMaxPageSize);
    const cursor = args.after ? decodeCursor('member', args.after, ['time', 'id']) : null;
    const search = cleanSearch(args.search);
    const activity = args.activity ? await this.memberActivity(environmentId, args.activity) : null;
    const [rows, total] = await Promise.all([
      this.repository.segmentMembers(
        scope,
        asOf,
        since,
        args.segment,
        cursor ? { respondedAt: cursor[0], id: cursor[1] } : null,
        limit + 1,
        search,
        activity,
      ),
      this.repository.segmentCount(scope, asOf, since, args.segment, search, activity),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (row) => encodeCursor('member', [new Date(row.respondedAt).toISOString(), row.id]),
      toMember,
    );
  }

  /** The activity condition checked: a known event type and a window of 1–365 days. */
  private async memberActivity(
    environmentId: string,
    input: SegmentActivityInput,
  ): Promise<MemberActivity> {
    const windowDays = checkDays(input.windowDays, 30, 'activity.windowDays');
    const eventType = input.eventType.trim();
    if (eventType.length === 0)
      throw AppError.badInput('activity.eventType must name an event type.', 'activity.eventType');
    if (!(await this.repository.eventTypeKnown(environmentId, eventType))) {
      throw AppError.badInput(
        `activity.eventType "${eventType}" is not an event type of this environment: none was tracked (see eventTypes).`,
        'activity.eventType',
      );
    }
    return { eventType, did: input.did, windowDays };
  }

  async segmentComparison(
    principal: Principal | null,
    environmentId: string,
    args: {
      eventType: string;
      windowDays?: number | null;
      asOf?: Date | null;
      filter?: UserFilter | null;
    },
  ): Promise<SegmentComparisonRowModel[]> {
    const scope = analyticsScope(principal, environmentId, args.filter);
    const windowDays = checkDays(args.windowDays, 30, 'windowDays');
    const rows = await this.repository.segmentEventUsage(
      scope,
      args.asOf ?? new Date(),
      args.eventType,
      windowDays,
    );
    return [NpsSegment.PROMOTER, NpsSegment.PASSIVE, NpsSegment.DETRACTOR].map((segment) => {
      const row = rows.find((candidate) => candidate.category === segment) ?? {
        members: 0,
        matched: 0,
        withEvent: 0,
        events: 0,
      };
      return {
        segment,
        members: row.members,
        matchedMembers: row.matched,
        membersWithEvent: row.withEvent,
        share: row.matched > 0 ? row.withEvent / row.matched : null,
        meanCount: row.matched > 0 ? row.events / row.matched : null,
      };
    });
  }
}
