import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { connectionComplexity } from '../../common/connection.model';
import { EnvironmentModel } from '../../environments/environment.model';
import { DelightedSourceModel, SyncRunConnection, SyncRunModel } from './delighted-source.model';
import { DelightedSourceService } from './delighted-source.service';

@Resolver(() => DelightedSourceModel)
export class DelightedResolver {
  constructor(private readonly delighted: DelightedSourceService) {}

  @Mutation(() => DelightedSourceModel, {
    description:
      'ADMIN/ARCHITECT. Checks the key against the API, stores it encrypted and starts the backfill (startBackfill: false to only save). Needs the email property.',
  })
  connectDelighted(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('apiKey') apiKey: string,
    @Args('apiUrl', { type: () => String, nullable: true }) apiUrl?: string | null,
    @Args('startBackfill', { type: () => Boolean, nullable: true }) startBackfill?: boolean | null,
  ): Promise<DelightedSourceModel> {
    return this.delighted.connect(principal, { environmentId, apiKey, apiUrl, startBackfill });
  }

  @Mutation(() => DelightedSourceModel, {
    description: 'ADMIN/ARCHITECT. Stops syncing and forgets the key; data stays.',
  })
  disconnectDelighted(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
  ): Promise<DelightedSourceModel> {
    return this.delighted.disconnect(principal, environmentId);
  }

  @Mutation(() => SyncRunModel, {
    description:
      'ADMIN/ARCHITECT. Syncs now and returns the finished run, or the run already in progress.',
  })
  syncDelighted(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
  ): Promise<SyncRunModel> {
    return this.delighted.syncNow(principal, environmentId);
  }

  @ResolveField(() => SyncRunConnection, {
    complexity: connectionComplexity,
    description: 'Newest first.',
  })
  syncRuns(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() source: DelightedSourceModel,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.delighted.listRuns(principal, source.environmentId, { first, after });
  }
}

@Resolver(() => EnvironmentModel)
export class EnvironmentDelightedResolver {
  constructor(private readonly delighted: DelightedSourceService) {}

  @ResolveField(() => DelightedSourceModel, {
    nullable: true,
    description: 'Null until connectDelighted.',
  })
  delightedSource(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
  ) {
    return this.delighted.read(principal, environment.id);
  }
}
