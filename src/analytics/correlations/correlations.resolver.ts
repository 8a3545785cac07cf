import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { ActivityCorrelationModel } from './correlations.model';
import { CorrelationsService } from './correlations.service';

/** Environment.activityCorrelations; ANALYST and above. Statistics follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class CorrelationsResolver {
  constructor(private readonly correlations: CorrelationsService) {}

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
    return this.correlations.correlations(principal, environment.id, {
      from,
      to,
      windowDays,
      minUsers,
      filter,
    });
  }
}
