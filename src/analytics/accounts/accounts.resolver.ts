import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { connectionComplexity } from '../../common/connection.model';
import { EnvironmentModel } from '../../environments/environment.model';
import { UserFilter } from '../../graphql/user-filter.input';
import { Dedupe } from '../shared/analytics.input';
import { AccountConnection, AccountOrder, AccountSummaryModel } from './accounts.model';
import { AccountsService } from './accounts.service';

/** Environment.accounts and accountSummary; ANALYST and above (docs/nps-method.md, "Accounts"). */
@Resolver(() => EnvironmentModel)
export class AccountsResolver {
  constructor(private readonly service: AccountsService) {}

  @ResolveField(() => AccountConnection, {
    complexity: connectionComplexity,
    description: "Accounts (the account property's values) with NPS over their users' responses.",
  })
  accounts(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('dedupe', {
      type: () => Dedupe,
      nullable: true,
      defaultValue: Dedupe.LATEST_PER_PERSON,
    })
    dedupe?: Dedupe,
    @Args('minResponses', { type: () => Int, nullable: true, defaultValue: 1 })
    minResponses?: number,
    @Args('orderBy', {
      type: () => AccountOrder,
      nullable: true,
      defaultValue: AccountOrder.NPS_ASC,
    })
    orderBy?: AccountOrder,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.service.accounts(principal, environment.id, {
      from,
      to,
      filter,
      dedupe,
      minResponses,
      orderBy,
      first,
      after,
    });
  }

  @ResolveField(() => AccountSummaryModel, { complexity: 20 })
  accountSummary(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('from', { type: () => Date }) from: Date,
    @Args('to', { type: () => Date }) to: Date,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.service.accountSummary(principal, environment.id, { from, to, filter });
  }
}
