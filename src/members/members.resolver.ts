import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { Principal, refuseEmbed } from '../auth/principal';
import { Role } from '../auth/role';
import { InvitationEntity } from './invitation.entity';
import { CreatedInvitation, InvitationsService } from './invitations.service';
import { InvitationModel, MemberModel, PasswordResetLinkModel } from './member.model';
import { MemberWithRoles } from './members.repository';
import { MembersService } from './members.service';
import { PasswordResetsService } from './password-resets.service';

function toMember({ member, roles }: MemberWithRoles, environmentId?: string | null): MemberModel {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    owner: member.owner,
    role: environmentId ? (member.owner ? Role.ADMIN : (roles[environmentId] ?? null)) : null,
    roles: Object.entries(roles).map(([id, role]) => ({ environmentId: id, role })),
    hasPassword: member.passwordHash !== null,
    createdAt: member.createdAt,
  };
}

function toInvitation(invitation: InvitationEntity, created?: CreatedInvitation): InvitationModel {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    environmentId: invitation.environmentId,
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    invitedBy: invitation.invitedBy,
    acceptUrl: created?.acceptUrl ?? null,
    emailed: created?.emailed ?? null,
  };
}

@Resolver(() => MemberModel)
export class MembersResolver {
  constructor(
    private readonly accounts: MembersService,
    private readonly invites: InvitationsService,
    private readonly resets: PasswordResetsService,
  ) {}

  @Query(() => [MemberModel], {
    description: 'ADMIN of the environment; without one, an owner: every member.',
  })
  async members(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
  ): Promise<MemberModel[]> {
    refuseEmbed(principal, 'list members');
    return (await this.accounts.list(principal, environmentId)).map((row) =>
      toMember(row, environmentId),
    );
  }

  @Mutation(() => InvitationModel, {
    description:
      'ADMIN of the environment (an owner, without one: an invitation to be an owner, role ADMIN). The link is single-use and works 7 days; it is emailed when SMTP_URL is set.',
  })
  async inviteMember(
    @CurrentPrincipal() principal: Principal | null,
    @Args('email') email: string,
    @Args('role', { type: () => Role }) role: Role,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
  ): Promise<InvitationModel> {
    refuseEmbed(principal, 'invite members');
    const created = await this.invites.invite(principal, { email, role, environmentId });
    return toInvitation(created.invitation, created);
  }

  @Query(() => [InvitationModel], { description: 'ADMIN. Open invitations, newest first.' })
  async invitations(
    @CurrentPrincipal() principal: Principal | null,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
  ): Promise<InvitationModel[]> {
    refuseEmbed(principal, 'list invitations');
    return (await this.invites.list(principal, environmentId)).map((row) => toInvitation(row));
  }

  @Mutation(() => InvitationModel, { description: 'ADMIN. The link stops working at once.' })
  async revokeInvitation(
    @CurrentPrincipal() principal: Principal | null,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<InvitationModel> {
    refuseEmbed(principal, 'revoke invitations');
    return toInvitation(await this.invites.revoke(principal, id));
  }

  @Mutation(() => MemberModel, {
    description: "ADMIN of the environment. Applies to the member's next request.",
  })
  async changeMemberRole(
    @CurrentPrincipal() principal: Principal | null,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('environmentId', { type: () => ID }) environmentId: string,
    @Args('role', { type: () => Role }) role: Role,
  ): Promise<MemberModel> {
    refuseEmbed(principal, 'change roles');
    const changed = await this.accounts.changeRole(principal, memberId, environmentId, role);
    return toMember(changed, environmentId);
  }

  @Mutation(() => Boolean, {
    description:
      'With environmentId: ADMIN there takes the role away. Without: an owner removes the member (and their sessions); the last owner cannot be removed.',
  })
  removeMember(
    @CurrentPrincipal() principal: Principal | null,
    @Args('memberId', { type: () => ID }) memberId: string,
    @Args('environmentId', { type: () => ID, nullable: true }) environmentId?: string | null,
  ): Promise<boolean> {
    refuseEmbed(principal, 'remove members');
    return this.accounts.remove(principal, memberId, environmentId);
  }

  @Mutation(() => PasswordResetLinkModel, {
    description:
      "ADMIN of every environment the member is in (an owner for owners). A one-time link to pass on; the member's sessions end when it is used.",
  })
  async createPasswordReset(
    @CurrentPrincipal() principal: Principal | null,
    @Args('memberId', { type: () => ID }) memberId: string,
  ): Promise<PasswordResetLinkModel> {
    refuseEmbed(principal, 'reset passwords');
    const link = await this.resets.create(principal, memberId);
    return {
      memberId: link.member.id,
      url: link.url,
      expiresAt: link.expiresAt,
      emailed: link.emailed,
    };
  }
}
