import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { connectionComplexity } from '../../common/connection.model';
import { NpsSegment } from '../shared/analytics.input';
import {
  SegmentComparisonRowModel,
  SegmentCountModel,
  SegmentMemberConnection,
} from './segments.model';
import { SegmentActivityInput } from './segments.input';
import { SegmentsService } from './segments.service';

/** Segments on Environment; ANALYST and above. Figures follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class SegmentsResolver {
  constructor(private readonly segments: SegmentsService) {}

  @ResolveField(() => [SegmentCountModel], { complexity: 20 })
  segmentSummary(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
    @Args('maxAgeDays', { type: () => Int, nullable: true }) maxAgeDays?: number | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.segments.segmentSummary(principal, environment.id, { asOf, maxAgeDays, filter });
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
      description:
        'Only members whose comment matches this full-text search (English, web-search syntax), or whose email, person id or user identity contains it.',
    })
    search?: string | null,
    @Args('activity', {
      type: () => SegmentActivityInput,
      nullable: true,
      description:
        "Only matched members who did (or did not) an activity in the window before their latest response, as activityCorrelations counts it: a driver's outreach list.",
    })
    activity?: SegmentActivityInput | null,
  ) {
    return this.segments.segmentMembers(principal, environment.id, {
      segment,
      asOf,
      maxAgeDays,
      filter,
      first,
      after,
      search,
      activity,
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
    return this.segments.segmentComparison(principal, environment.id, {
      eventType,
      windowDays,
      asOf,
      filter,
    });
  }
}
