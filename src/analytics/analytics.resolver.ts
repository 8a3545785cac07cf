import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { connectionComplexity } from '../common/connection.model';
import { EnvironmentModel } from '../environments/environment.model';
import { UserFilter } from '../graphql/user-filter.input';
import { Dedupe, EngagementInput, Interval, NpsSegment } from './analytics.input';
import {
  ActivityCorrelationModel,
  NpsSummaryModel,
  NpsTrendModel,
  SegmentComparisonRowModel,
  SegmentCountModel,
  SegmentMemberConnection,
  SurveyResponseConnection,
} from './analytics.model';
import { AnalyticsService } from './analytics.service';

/** NPS analytics on Environment; ANALYST and above. Figures follow nps-method.md. */
@Resolver(() => EnvironmentModel)
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @ResolveField(() => NpsSummaryModel, { complexity: 20 })
  npsSummary(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('dedupe', { type: () => Dedupe, nullable: true, defaultValue: Dedupe.ALL_RESPONSES })
    dedupe?: Dedupe,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('compareToPrevious', { type: () => Boolean, nullable: true })
    compareToPrevious?: boolean | null,
  ) {
    return this.analytics.summary(principal, environment.id, {
      from,
      to,
      dedupe,
      filter,
      compareToPrevious,
    });
  }

  @ResolveField(() => NpsTrendModel, { complexity: 50 })
  npsTrend(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('interval', { type: () => Interval }) interval: Interval,
    @Args('timezone', { type: () => String, nullable: true }) timezone?: string | null,
    @Args('rollingDays', { type: () => Int, nullable: true }) rollingDays?: number | null,
    @Args('dedupe', { type: () => Dedupe, nullable: true }) dedupe?: Dedupe | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('engagement', { type: () => EngagementInput, nullable: true })
    engagement?: EngagementInput | null,
  ) {
    return this.analytics.trend(principal, environment.id, environment.timezone, {
      from,
      to,
      interval,
      timezone,
      rollingDays,
      dedupe,
      filter,
      engagement,
    });
  }

  @ResolveField(() => [SegmentCountModel], { complexity: 20 })
  segmentSummary(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
    @Args('maxAgeDays', { type: () => Int, nullable: true }) maxAgeDays?: number | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.analytics.segmentSummary(principal, environment.id, { asOf, maxAgeDays, filter });
  }

  @ResolveField(() => SegmentMemberConnection, { complexity: connectionComplexity })
  segmentMembers(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('segment', { type: () => NpsSegment }) segment: NpsSegment,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
    @Args('maxAgeDays', { type: () => Int, nullable: true }) maxAgeDays?: number | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('search', {
      type: () => String,
      nullable: true,
      description: 'Only members whose email, person id, comment or user identity contains this.',
    })
    search?: string | null,
  ) {
    return this.analytics.segmentMembers(principal, environment.id, {
      segment,
      asOf,
      maxAgeDays,
      filter,
      first,
      after,
      search,
    });
  }

  @ResolveField(() => [SegmentComparisonRowModel], { complexity: 20 })
  segmentComparison(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('eventType') eventType: string,
    @Args('windowDays', { type: () => Int, nullable: true }) windowDays?: number | null,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.analytics.segmentComparison(principal, environment.id, {
      eventType,
      windowDays,
      asOf,
      filter,
    });
  }

  @ResolveField(() => [ActivityCorrelationModel], {
    complexity: 50,
    description: 'Associations, not causes: which activities go with high NPS.',
  })
  activityCorrelations(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('windowDays', { type: () => Int, nullable: true, defaultValue: 30 }) windowDays?: number,
    @Args('minUsers', { type: () => Int, nullable: true }) minUsers?: number | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.analytics.correlations(principal, environment.id, {
      from,
      to,
      windowDays,
      minUsers,
      filter,
    });
  }

  @ResolveField(() => SurveyResponseConnection, {
    complexity: connectionComplexity,
    description: 'Newest first, every survey type.',
  })
  surveyResponses(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('segment', { type: () => NpsSegment, nullable: true }) segment?: NpsSegment | null,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.analytics.responses(principal, environment.id, {
      from,
      to,
      segment,
      search,
      first,
      after,
    });
  }
}
