import { ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal, reachableEnvironments, requirePrincipal, roleIn } from '../auth/principal';
import { ViewerModel } from '../embed/embed.model';
import { EnvironmentsRepository } from '../store/environments.repository';
import { ViewerEnvironmentModel, ViewerMemberModel } from './member.model';

/** Viewer.member and Viewer.environments: who signed in, and their role in each environment. */
@Resolver(() => ViewerModel)
export class ViewerFieldsResolver {
  constructor(private readonly environmentRows: EnvironmentsRepository) {}

  @ResolveField(() => ViewerMemberModel, {
    nullable: true,
    description: 'The signed-in member; null for keys and embed links.',
  })
  member(@CurrentPrincipal() principal: Principal | null): ViewerMemberModel | null {
    const member = requirePrincipal(principal).member;
    return member
      ? { id: member.id, email: member.email, name: member.name, owner: member.owner }
      : null;
  }

  @ResolveField(() => [ViewerEnvironmentModel], {
    description: 'The environments the caller reaches, with its role in each, by name.',
  })
  async environments(
    @CurrentPrincipal() principal: Principal | null,
  ): Promise<ViewerEnvironmentModel[]> {
    const caller = requirePrincipal(principal);
    const reachable = reachableEnvironments(caller);
    if (reachable !== null && reachable.length === 0) return [];
    const rows = await this.environmentRows.list(reachable ?? undefined);
    return rows
      .map((row) => ({ id: row.id, name: row.name, role: roleIn(caller, row.id) }))
      .filter((row): row is ViewerEnvironmentModel => row.role !== null);
  }
}
