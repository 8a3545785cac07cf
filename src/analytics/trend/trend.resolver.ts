import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { Dedupe } from '../shared/analytics.input';
import { Interval } from '../shared/interval.input';
import { EngagementInput } from '../shared/engagement.input';
import { NpsTrendModel } from './trend.model';
import { TrendService } from './trend.service';

/** Environment.npsTrend; ANALYST and above. Figures follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class TrendResolver {
  constructor(private readonly trend: TrendService) {}

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
    return this.trend.trend(principal, environment.id, environment.timezone, {
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
}
