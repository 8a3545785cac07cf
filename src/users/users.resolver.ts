import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { connectionComplexity } from '../common/connection.model';
import type { Principal } from '../auth/principal';
import { EnvironmentModel } from '../environments/environment.model';
import { EventConnection, EventTypeModel } from './event.model';
import { EventsService } from './events.service';
import { UserConnection, UserModel } from './user.model';
import { PropertyEqualsInput, UserFilter } from '../graphql/user-filter.input';
import { UsersService } from './users.service';

@Resolver(() => EnvironmentModel)
export class EnvironmentUsersResolver {
  constructor(
    private readonly usersService: UsersService,
    private readonly events: EventsService,
  ) {}

  @ResolveField(() => UserConnection, { complexity: connectionComplexity })
  users(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('propertyEquals', { type: () => [PropertyEqualsInput], nullable: true })
    propertyEquals?: PropertyEqualsInput[] | null,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
  ) {
    return this.usersService.list(principal, environment.id, {
      first,
      after,
      propertyEquals,
      filter,
    });
  }

  @ResolveField(() => UserModel, { nullable: true })
  user(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
    @Args('identity') identity: string,
  ) {
    return this.usersService.findByIdentity(principal, environment.id, identity);
  }

  @ResolveField(() => [EventTypeModel], {
    description: 'Event names with counts, most frequent first.',
  })
  eventTypes(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() environment: EnvironmentModel,
  ) {
    return this.events.listTypes(principal, environment.id);
  }
}

@Resolver(() => UserModel)
export class UserEventsResolver {
  constructor(private readonly usersService: UsersService) {}

  @ResolveField(() => EventConnection, {
    complexity: connectionComplexity,
    description: 'Newest first.',
  })
  events(
    @CurrentPrincipal() principal: Principal | null,
    @Parent() user: UserModel,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return this.usersService.listEvents(principal, user, { first, after });
  }
}
