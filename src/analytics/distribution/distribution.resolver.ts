import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { Dedupe } from '../shared/analytics.input';
import { ScoreDistributionModel } from './distribution.model';
import { DistributionService } from './distribution.service';

/** Environment.scoreDistribution; ANALYST and above. Figures follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class DistributionResolver {
  constructor(private readonly distribution: DistributionService) {}

  @ResolveField(() => ScoreDistributionModel, { complexity: 20 })
  scoreDistribution(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('dedupe', { type: () => Dedupe, nullable: true, defaultValue: Dedupe.ALL_RESPONSES })
    dedupe?: Dedupe,
  ) {
    return this.distribution.scoreDistribution(principal, environment.id, {
      from,
      to,
      filter,
      dedupe,
    });
  }
}
