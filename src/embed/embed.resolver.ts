import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal, requirePrincipal } from '../auth/principal';
import { UserFilter } from '../graphql/user-filter.input';
import { EmbedLinkModel, EmbedView, ViewerModel } from './embed.model';
import { EmbedService } from './embed.service';

@Resolver()
export class EmbedResolver {
  constructor(private readonly embeds: EmbedService) {}

  @Mutation(() => EmbedLinkModel, {
    description:
      'ADMIN/ARCHITECT. A signed link to one read-only view; filter is locked into every figure.',
  })
  createEmbedLink(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('view', { type: () => EmbedView }) view: EmbedView,
    @Args('filter', { type: () => UserFilter, nullable: true }) filter?: UserFilter | null,
    @Args('expiresInMinutes', { type: () => Int, nullable: true }) expiresInMinutes?: number | null,
  ): Promise<EmbedLinkModel> {
    return this.embeds.createLink(principal, { environmentId, view, filter, expiresInMinutes });
  }

  @Query(() => ViewerModel, { description: 'The caller: what the dashboard may offer.' })
  viewer(@CurrentPrincipal() principal: Principal | null): ViewerModel {
    const caller = requirePrincipal(principal);
    return {
      kind: caller.kind,
      role: caller.role,
      environmentId: caller.environmentId,
      embedView: (caller.embed?.view as EmbedView | undefined) ?? null,
    };
  }
}
