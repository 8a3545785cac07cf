import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyModel, CreatedApiKeyModel } from './api-key.model';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import type { Principal } from './principal';
import { Role } from './role';

function toModel(key: ApiKeyEntity): ApiKeyModel {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    environmentId: key.environmentId,
    keyPrefix: key.keyPrefix,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}

@Resolver(() => ApiKeyModel)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Mutation(() => CreatedApiKeyModel, {
    description: 'ADMIN. Omit environmentId for a global ADMIN key.',
  })
  async createApiKey(
    @CurrentPrincipal() principal: Principal | null,
    @Args('role', { type: () => Role }) role: Role,
    @Args('name') name: string,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
  ): Promise<CreatedApiKeyModel> {
    const { key, secret } = await this.keys.create(principal, { environmentId, role, name });
    return { id: key.id, key: secret, apiKey: toModel(key) };
  }

  @Mutation(() => ApiKeyModel, { description: 'ADMIN. The key stops working at once.' })
  async revokeApiKey(
    @CurrentPrincipal() principal: Principal | null,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<ApiKeyModel> {
    return toModel(await this.keys.revoke(principal, id));
  }

  @Query(() => [ApiKeyModel], {
    description: 'ADMIN. Keys of one environment, or all a global admin can see.',
  })
  async apiKeys(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
  ): Promise<ApiKeyModel[]> {
    return (await this.keys.list(principal, environmentId)).map(toModel);
  }
}
