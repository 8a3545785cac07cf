import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { Dedupe } from '../shared/analytics.input';
import { NpsSummaryModel } from '../shared/nps-summary.model';
import { SummaryService } from './summary.service';

/** Environment.npsSummary; ANALYST and above. Figures follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class SummaryResolver {
  constructor(private readonly summary: SummaryService) {}

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
    return this.summary.summary(principal, environment.id, {
      from,
      to,
      dedupe,
      filter,
      compareToPrevious,
    });
  }
}
