import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AppError } from '../common/app-error';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { EnvironmentEntity } from '../store/environment.entity';
import { EnvironmentModel } from './environment.model';
import { EnvironmentsService } from './environments.service';

export function toEnvironmentModel(environment: EnvironmentEntity): EnvironmentModel {
  return {
    id: environment.id,
    name: environment.name,
    timezone: environment.timezone,
    emailProperty: environment.emailProperty,
    accountProperty: environment.accountProperty,
    revenueProperty: environment.revenueProperty,
    breakdownProperties: environment.breakdownProperties,
    createdAt: environment.createdAt,
  };
}

@Resolver(() => EnvironmentModel)
export class EnvironmentsResolver {
  constructor(private readonly service: EnvironmentsService) {}

  @Mutation(() => EnvironmentModel, { description: 'Global ADMIN. Time zone defaults to UTC.' })
  async createEnvironment(
    @CurrentPrincipal() principal: Principal | null,
    @Args('name') name: string,
    @Args('timezone', { type: () => String, nullable: true }) timezone?: string | null,
  ): Promise<EnvironmentModel> {
    return toEnvironmentModel(await this.service.create(principal, name, timezone));
  }

  @Query(() => [EnvironmentModel], { description: 'An environment-scoped key sees only its own.' })
  async environments(@CurrentPrincipal() principal: Principal | null): Promise<EnvironmentModel[]> {
    return (await this.service.list(principal)).map(toEnvironmentModel);
  }

  @Query(() => EnvironmentModel, { nullable: true, description: 'Null when it does not exist.' })
  async environment(
    @CurrentPrincipal() principal: Principal | null,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<EnvironmentModel | null> {
    try {
      return toEnvironmentModel(await this.service.get(principal, id));
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  @Mutation(() => EnvironmentModel, {
    description:
      'ADMIN/ARCHITECT. Once only: the user property holding emails ("identity": the identity is the email).',
  })
  async setEmailProperty(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('property') property: string,
  ): Promise<EnvironmentModel> {
    return toEnvironmentModel(
      await this.service.setEmailProperty(principal, environmentId, property),
    );
  }

  @Mutation(() => EnvironmentModel, {
    description:
      "ADMIN/ARCHITECT. The user property naming a user's account, and optionally a numeric one holding its revenue; may be changed later.",
  })
  async setAccountProperty(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('property') property: string,
    @Args('revenueProperty', { type: () => String, nullable: true })
    revenueProperty?: string | null,
  ): Promise<EnvironmentModel> {
    return toEnvironmentModel(
      await this.service.setAccountProperty(principal, environmentId, property, revenueProperty),
    );
  }

  @Mutation(() => EnvironmentModel, {
    description:
      'ADMIN/ARCHITECT. Up to five user properties that npsChange breaks down by from a rollup (others are read from rows); replaces the list.',
  })
  async setBreakdownProperties(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('properties', { type: () => [String] }) properties: string[],
  ): Promise<EnvironmentModel> {
    return toEnvironmentModel(
      await this.service.setBreakdownProperties(principal, environmentId, properties),
    );
  }
}
