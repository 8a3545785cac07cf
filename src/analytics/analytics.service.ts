import { Inject, Injectable } from '@nestjs/common';
import { Principal, effectiveConditions, requireEnvironmentRole } from '../auth/principal';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { Connection, toConnection } from '../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../common/cursor';
import { AppConfig } from '../config/app-config';
import type { UserFilter } from '../graphql/user-filter.input';
import { validateUserFilter } from '../store/user-filter.sql';
import {
  activityCorrelations,
  type ActivityCorrelation,
  type SparseCell,
} from './math/activity-correlation';
import { Dedupe, EngagementInput, Interval, NpsSegment } from './analytics.input';
import {
  NpsSummaryModel,
  NpsTrendModel,
  NpsTrendPointModel,
  SegmentComparisonRowModel,
  SegmentCountModel,
  SegmentMemberModel,
  SurveyResponseModel,
} from './analytics.model';
import {
  AnalyticsRepository,
  CategoryCounts,
  ResponseScope,
  SegmentMemberRow,
  emptyCounts,
} from './analytics.repository';
import { DEFAULT_ENGAGEMENT_THRESHOLDS, tierLabel, validateThresholds } from './math/engagement-tiers';
import { CATEGORY_SCORES, npsDifference, npsFromCounts } from './math/nps-math';
import { isValidTimeZone } from '../common/time-zone';
import { DAY_MS, listBuckets } from './math/time-buckets';

/** A search text as the queries take it: trimmed, at most 200 characters, null when blank. */
function cleanSearch(search: string | null | undefined): string | null {
  const trimmed = search?.trim();
  return trimmed ? trimmed.slice(0, 200) : null;
}

function figures(counts: CategoryCounts) {
  const result = npsFromCounts(counts);
  return {
    responses: result.responses,
    promoters: result.promoters,
    passives: result.passives,
    detractors: result.detractors,
    nps: result.nps,
    averageScore: result.averageScore,
    ciLow: result.ciLow,
    ciHigh: result.ciHigh,
    marginOfError: result.marginOfError,
  };
}

function checkDays(value: number | null | undefined, fallback: number, argument: string): number {
  const days = value ?? fallback;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw AppError.badInput(`${argument} must be a whole number of days from 1 to 365.`, argument);
  }
  return days;
}

function checkRange(from: Date, to: Date): void {
  for (const [name, date] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (Number.isNaN(date.getTime())) throw AppError.badInput(`${name} must be a date.`, name);
    const year = date.getUTCFullYear();
    if (year < 1000 || year > 9999)
      throw AppError.badInput(`${name} must lie between the years 1000 and 9999.`, name);
  }
  if (from.getTime() >= to.getTime())
    throw AppError.badInput('from must be before to (ranges are [from, to)).', 'from');
}

function toMember(row: SegmentMemberRow): SegmentMemberModel {
  return {
    email: row.email,
    personId: row.personId,
    score: row.score,
    respondedAt: row.respondedAt,
    comment: row.comment,
    user: row.userIdentity
      ? { identity: row.userIdentity, properties: row.userProperties ?? {} }
      : null,
  };
}

/** NPS analytics of nps-method.md: counts in PostgreSQL, maths in the pure analytics functions. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private scope(
    principal: Principal | null,
    environmentId: string,
    filter?: UserFilter | null,
  ): ResponseScope {
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    return {
      environmentId,
      conditions: effectiveConditions(principal, validateUserFilter(filter)),
    };
  }

  async summary(
    principal: Principal | null,
    environmentId: string,
    args: {
      from?: Date | null;
      to?: Date | null;
      dedupe?: Dedupe | null;
      filter?: UserFilter | null;
      compareToPrevious?: boolean | null;
    },
  ): Promise<NpsSummaryModel> {
    const scope = this.scope(principal, environmentId, args.filter);
    const to = args.to ?? new Date();
    const from = args.from ?? new Date(0);
    checkRange(from, to);
    const windows = [{ from, to }];
    const previousFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
    if (args.compareToPrevious) windows.push({ from: previousFrom, to: from });
    const [current, previous] = await this.analytics.countsPerWindow(
      scope,
      windows,
      args.dedupe ?? Dedupe.ALL_RESPONSES,
    );
    const change = previous ? npsDifference(current, previous) : null;
    return {
      from,
      to,
      ...figures(current),
      previous: previous ? { from: previousFrom, to: from, ...figures(previous) } : null,
      change,
    };
  }

  async trend(
    principal: Principal | null,
    environmentId: string,
    environmentTimezone: string,
    args: {
      from: Date;
      to: Date;
      interval: Interval;
      timezone?: string | null;
      rollingDays?: number | null;
      dedupe?: Dedupe | null;
      filter?: UserFilter | null;
      engagement?: EngagementInput | null;
    },
  ): Promise<NpsTrendModel> {
    const scope = this.scope(principal, environmentId, args.filter);
    checkRange(args.from, args.to);
    const timezone = args.timezone ?? environmentTimezone;
    if (!isValidTimeZone(timezone))
      throw AppError.badInput(`timezone "${timezone}" is not an IANA time zone.`, 'timezone');
    let buckets;
    try {
      buckets = listBuckets(args.from, args.to, args.interval, timezone);
    } catch (error) {
      // The only failure left once the range and zone are valid: too many buckets (it says what to do).
      throw AppError.badInput(`${(error as Error).message}.`, 'interval');
    }
    const rollingDays =
      args.rollingDays === null || args.rollingDays === undefined
        ? null
        : checkDays(args.rollingDays, 30, 'rollingDays');
    // Each point's set: its bucket, or with rollingDays the k·24 h before its end; clipped to [from, to).
    const windows = buckets.map((bucket) => {
      const start = rollingDays
        ? new Date(bucket.bucketEnd.getTime() - rollingDays * DAY_MS)
        : bucket.bucketStart;
      return {
        from: new Date(Math.max(start.getTime(), args.from.getTime())),
        to: new Date(Math.min(bucket.bucketEnd.getTime(), args.to.getTime())),
      };
    });
    const dedupe = args.dedupe ?? Dedupe.ALL_RESPONSES;
    if (!args.engagement) {
      const counts = await this.analytics.countsPerWindow(scope, windows, dedupe);
      const points: NpsTrendPointModel[] = buckets.map((bucket, index) => ({
        ...bucket,
        tier: null,
        ...figures(counts[index]),
      }));
      return { timezone, points, series: [{ tier: null, points }] };
    }
    const thresholds = args.engagement.thresholds ?? [...DEFAULT_ENGAGEMENT_THRESHOLDS];
    try {
      validateThresholds(thresholds);
    } catch (error) {
      throw AppError.badInput(`engagement.thresholds: ${(error as Error).message}`, 'engagement');
    }
    const windowDays = checkDays(args.engagement.windowDays, 30, 'windowDays');
    const rows = await this.analytics.countsPerWindowAndTier(scope, windows, dedupe, {
      windowDays,
      thresholds,
      eventTypes: args.engagement.eventTypes?.length ? args.engagement.eventTypes : null,
    });
    const tiers: Array<number | null> = [
      ...Array.from({ length: thresholds.length + 1 }, (_, index) => index),
      null,
    ];
    // A first threshold of 0 makes tier 0 empty: it is not a series.
    const shown = tiers.filter((tier) => !(tier === 0 && thresholds[0] === 0));
    const label = (tier: number | null) =>
      tier === null ? 'unknown' : tierLabel(tier, thresholds);
    const series = shown.map((tier) => ({
      tier: label(tier),
      points: buckets.map((bucket, index) => {
        const row = rows.find(
          (candidate) => candidate.window === index + 1 && candidate.tier === tier,
        );
        return { ...bucket, tier: label(tier), ...figures(row ?? emptyCounts()) };
      }),
    }));
    const points = buckets.flatMap((_, index) => series.map((line) => line.points[index]));
    return { timezone, points, series };
  }

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
    const scope = this.scope(principal, environmentId, args.filter);
    const { asOf, since } = this.asOfWindow(args.asOf, args.maxAgeDays);
    const counts = await this.analytics.segmentCounts(scope, asOf, since);
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
    },
  ): Promise<Connection<SegmentMemberModel>> {
    const scope = this.scope(principal, environmentId, args.filter);
    const { asOf, since } = this.asOfWindow(args.asOf, args.maxAgeDays);
    const limit = pageSize(args.first, 50, this.config.graphqlMaxPageSize);
    const cursor = args.after ? decodeCursor('member', args.after, ['time', 'id']) : null;
    const search = cleanSearch(args.search);
    const [rows, total] = await Promise.all([
      this.analytics.segmentMembers(
        scope,
        asOf,
        since,
        args.segment,
        cursor ? { respondedAt: cursor[0], id: cursor[1] } : null,
        limit + 1,
        search,
      ),
      this.analytics.segmentCount(scope, asOf, since, args.segment, search),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (row) => encodeCursor('member', [new Date(row.respondedAt).toISOString(), row.id]),
      toMember,
    );
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
    const scope = this.scope(principal, environmentId, args.filter);
    const windowDays = checkDays(args.windowDays, 30, 'windowDays');
    const rows = await this.analytics.segmentEventUsage(
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

  async correlations(
    principal: Principal | null,
    environmentId: string,
    args: {
      from?: Date | null;
      to?: Date | null;
      windowDays?: number | null;
      minUsers?: number | null;
      filter?: UserFilter | null;
    },
  ): Promise<ActivityCorrelation[]> {
    const scope = this.scope(principal, environmentId, args.filter);
    const to = args.to ?? new Date();
    const from = args.from ?? new Date(0);
    checkRange(from, to);
    const windowDays = checkDays(args.windowDays, 30, 'windowDays');
    if (
      args.minUsers !== null &&
      args.minUsers !== undefined &&
      (!Number.isInteger(args.minUsers) || args.minUsers < 1)
    ) {
      throw AppError.badInput('minUsers must be a whole number of at least 1.', 'minUsers');
    }
    const { scoreCounts, sparse } = await this.analytics.correlationInputs(
      scope,
      from,
      to,
      windowDays,
    );
    const cellsByType = new Map<string, SparseCell[]>();
    for (const row of sparse) {
      const cells = cellsByType.get(row.name) ?? [];
      cells.push({ x: row.x, score: row.score, users: row.users });
      cellsByType.set(row.name, cells);
    }
    return activityCorrelations(scoreCounts, cellsByType, args.minUsers);
  }

  async responses(
    principal: Principal | null,
    environmentId: string,
    args: {
      from?: Date | null;
      to?: Date | null;
      segment?: NpsSegment | null;
      search?: string | null;
      filter?: UserFilter | null;
      first?: number | null;
      after?: string | null;
    },
  ): Promise<Connection<SurveyResponseModel>> {
    const scope = this.scope(principal, environmentId, args.filter);
    const limit = pageSize(args.first, 50, this.config.graphqlMaxPageSize);
    const cursor = args.after ? decodeCursor('response', args.after, ['time', 'id']) : null;
    const search = cleanSearch(args.search);
    const filter = {
      from: args.from ?? null,
      to: args.to ?? null,
      scoreRange: args.segment ? ([...CATEGORY_SCORES[args.segment]] as [number, number]) : null,
      search,
      conditions: scope.conditions,
    };
    const [rows, total] = await Promise.all([
      this.analytics.listResponses(
        environmentId,
        filter,
        cursor ? { respondedAt: cursor[0], id: cursor[1] } : null,
        limit + 1,
      ),
      this.analytics.countResponses(environmentId, filter),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (row) => encodeCursor('response', [new Date(row.respondedAt).toISOString(), row.id]),
      (row) => ({
        ...row,
        user: row.userIdentity
          ? { identity: row.userIdentity, properties: row.userProperties ?? {} }
          : null,
      }),
    );
  }
}
