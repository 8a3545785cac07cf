import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { Dedupe } from '../shared/analytics.input';
import { BreakdownInput } from './change.input';
import { NpsChangeExplanationModel } from './change.model';
import { ChangeService } from './change.service';

/** Environment.npsChange; ANALYST and above. Figures follow docs/nps-method.md. */
@Resolver(() => EnvironmentModel)
export class ChangeResolver {
  constructor(private readonly change: ChangeService) {}

  @ResolveField(() => NpsChangeExplanationModel, {
    complexity: 30,
    description:
      'Why NPS moved from the previous period (default: the same length just before from) to [from, to): rate and mix effects per segment.',
  })
  npsChange(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('by', { type: () => BreakdownInput }) by: BreakdownInput,
    @Args('previousFrom', { type: () => Date, nullable: true }) previousFrom?: Date | null,
    @Args('previousTo', { type: () => Date, nullable: true }) previousTo?: Date | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('dedupe', { type: () => Dedupe, nullable: true, defaultValue: Dedupe.ALL_RESPONSES })
    dedupe?: Dedupe,
  ) {
    return this.change.npsChange(principal, environment.id, {
      from,
      to,
      previousFrom,
      previousTo,
      by,
      filter,
      dedupe,
    });
  }
}
