import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import {
  Principal,
  auditActor,
  requireEnvironmentRole,
  requireGlobalAdmin,
  requirePrincipal,
  isGlobalAdmin,
  reachableEnvironments,
  roleIn,
} from '../auth/principal';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { parseEnvironmentId } from '../common/environment-id';
import { AppConfig } from '../config/app-config';
import { MailService } from '../mail/mail.service';
import { InvitationEntity } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { linkEmail, memberLink } from './member-links';
import { MemberEntity } from './member.entity';
import { MembersRepository } from './members.repository';
import { MembersService, checkEmail, requireMemberRole } from './members.service';
import { generateToken, hashToken, normalizeEmail } from './one-time-token';
import { verifyPassword } from './password-hash';

const INVITATION_MS = 7 * 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CreatedInvitation {
  invitation: InvitationEntity;
  acceptUrl: string;
  emailed: boolean;
}

/** Invitations: an ADMIN invites an email to an environment (an owner: to be an owner). */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    private readonly invitations: InvitationsRepository,
    private readonly members: MembersRepository,
    private readonly memberAccounts: MembersService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async invite(
    caller: Principal | null,
    input: { email: string; role: Role; environmentId?: string | null },
  ): Promise<CreatedInvitation> {
    const email = checkEmail(input.email);
    requireMemberRole(input.role);
    let environmentId: string | null = null;
    if (input.environmentId === null || input.environmentId === undefined) {
      requireGlobalAdmin(caller);
      if (input.role !== Role.ADMIN)
        throw AppError.badInput(
          `A global invitation makes an owner (ADMIN everywhere); for ${input.role} pass environmentId.`,
          'environmentId',
        );
    } else {
      environmentId = parseEnvironmentId(input.environmentId, 'environmentId');
      requireEnvironmentRole(caller, environmentId, Role.ADMIN);
      if (!(await this.memberAccounts.environmentExists(environmentId)))
        throw AppError.notFound(`Environment ${environmentId} does not exist.`);
    }
    const existing = await this.members.findByEmail(normalizeEmail(email));
    if (existing) {
      const roles = await this.members.rolesOf(existing.id);
      if (existing.owner || (environmentId !== null && roles[environmentId] !== undefined))
        throw AppError.conflict(
          `${email} is already a member${environmentId ? ` of environment ${environmentId}` : ' and an owner'}; use changeMemberRole to change their role.`,
        );
    }
    const token = generateToken();
    const invitation = await this.invitations.insert({
      email,
      emailNormalized: normalizeEmail(email),
      environmentId,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: auditActor(caller).label,
      expiresAt: new Date(Date.now() + INVITATION_MS),
    });
    const acceptUrl = memberLink(this.config.publicUrl, 'invitation', token);
    const emailed = await this.sendInvitation(invitation, acceptUrl, auditActor(caller).label);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'member.invite',
      target: `invitation:${invitation.id}`,
      environmentId,
      details: { email, role: input.role, emailed },
    });
    return { invitation, acceptUrl, emailed };
  }

  /** Sends the link when SMTP is configured; a failed delivery is logged and the link still returned. */
  private async sendInvitation(
    invitation: InvitationEntity,
    url: string,
    inviter: string,
  ): Promise<boolean> {
    if (!this.mail.configured) return false;
    const where = invitation.environmentId
      ? `environment ${invitation.environmentId} as ${invitation.role}`
      : 'as an owner (ADMIN of every environment)';
    try {
      await this.mail.send({
        to: invitation.email,
        subject: 'You are invited to NPS analytics',
        ...linkEmail(
          [
            `${inviter} invited you to NPS analytics, ${where}.`,
            `The link works once and until ${invitation.expiresAt.toISOString()}.`,
          ],
          'Accept the invitation',
          url,
        ),
      });
      return true;
    } catch (error) {
      this.logger.warn(`invitation ${invitation.id} not emailed: ${(error as Error).message}`);
      return false;
    }
  }

  /** Open invitations of one environment (its ADMIN) or all (owner; an ADMIN gets theirs). */
  async list(caller: Principal | null, environmentId?: string | null): Promise<InvitationEntity[]> {
    const principal = requirePrincipal(caller);
    if (environmentId === null || environmentId === undefined) {
      if (isGlobalAdmin(principal)) return this.invitations.pending();
      const administered = (reachableEnvironments(principal) ?? []).filter(
        (id) => roleIn(principal, id) === Role.ADMIN,
      );
      if (administered.length === 0) requireGlobalAdmin(principal);
      const lists = await Promise.all(administered.map((id) => this.invitations.pending(id)));
      return lists.flat();
    }
    const id = parseEnvironmentId(environmentId, 'environmentId');
    requireEnvironmentRole(principal, id, Role.ADMIN);
    return this.invitations.pending(id);
  }

  async revoke(caller: Principal | null, id: string): Promise<InvitationEntity> {
    const invitation = UUID.test(id) ? await this.invitations.findById(id) : null;
    if (!invitation) throw AppError.notFound(`No invitation has id "${id}".`);
    if (invitation.environmentId === null) requireGlobalAdmin(caller);
    else requireEnvironmentRole(caller, invitation.environmentId, Role.ADMIN);
    if (!(await this.invitations.revoke(invitation.id)))
      throw AppError.conflict(`Invitation ${id} was already accepted or revoked.`);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'member.invitation_revoke',
      target: `invitation:${invitation.id}`,
      environmentId: invitation.environmentId,
      details: { email: invitation.email },
    });
    return (await this.invitations.findById(invitation.id))!;
  }

  /**
   * Uses the token: creates the member (name and password given) or, when the email already is
   * one, adds the role to them; for an existing member the password must be theirs (or the request
   * must be theirs already), so a leaked link does not open their account.
   */
  async accept(
    input: { token: unknown; name?: unknown; password?: unknown },
    signedIn: Principal | null,
  ): Promise<MemberEntity> {
    if (typeof input.token !== 'string' || input.token.length === 0)
      throw AppError.badInput('token must be the token of the invitation link.', 'token');
    const found = await this.invitations.findByTokenHash(hashToken(input.token));
    refuseUnusable(found);
    const invitation = found!;
    const member = await this.members.exclusive(async (manager) => {
      if (!(await this.invitations.markAccepted(invitation.id, manager)))
        throw new AppError('GONE', 'This invitation has already been used.');
      let account = await this.members.findByEmail(invitation.emailNormalized, manager);
      if (account) {
        const isThem = signedIn?.member?.id === account.id;
        const knowsPassword =
          account.passwordHash !== null &&
          typeof input.password === 'string' &&
          (await verifyPassword(input.password, account.passwordHash));
        if (!isThem && !knowsPassword)
          throw AppError.unauthenticated(
            `${account.email} already has an account: give its current password (or sign in first) to accept.`,
          );
      } else {
        account = await this.memberAccounts.create(
          {
            email: invitation.email,
            name: typeof input.name === 'string' ? input.name : '',
            password: typeof input.password === 'string' ? input.password : '',
            owner: false,
          },
          manager,
        );
      }
      if (invitation.environmentId === null) await this.members.setOwner(account.id, true, manager);
      else
        await this.members.setRole(account.id, invitation.environmentId, invitation.role, manager);
      return account;
    });
    await this.audit.record({
      actor: { kind: 'member', id: member.id, label: member.email },
      action: 'member.join',
      target: `invitation:${invitation.id}`,
      environmentId: invitation.environmentId,
      details: { email: member.email, role: invitation.role },
    });
    return member;
  }

  /** For SSO: the open invitations of an email, accepted for the member (created or found). */
  async acceptAllFor(member: MemberEntity): Promise<number> {
    const open = await this.invitations.pending(undefined, member.emailNormalized);
    let accepted = 0;
    for (const invitation of open) {
      const applied = await this.members.exclusive(async (manager) => {
        if (!(await this.invitations.markAccepted(invitation.id, manager))) return false;
        if (invitation.environmentId === null)
          await this.members.setOwner(member.id, true, manager);
        else
          await this.members.setRole(member.id, invitation.environmentId, invitation.role, manager);
        return true;
      });
      if (!applied) continue;
      accepted += 1;
      await this.audit.record({
        actor: { kind: 'member', id: member.id, label: member.email },
        action: 'member.join',
        target: `invitation:${invitation.id}`,
        environmentId: invitation.environmentId,
        details: { email: member.email, role: invitation.role, via: 'sso' },
      });
    }
    return accepted;
  }

  hasOpenInvitation(email: string): Promise<boolean> {
    return this.invitations
      .pending(undefined, normalizeEmail(email))
      .then((open) => open.length > 0);
  }
}

function refuseUnusable(invitation: InvitationEntity | null): void {
  if (!invitation) throw AppError.notFound('This invitation link is not valid; ask for a new one.');
  if (invitation.revokedAt) throw new AppError('GONE', 'This invitation has been revoked.');
  if (invitation.acceptedAt) throw new AppError('GONE', 'This invitation has already been used.');
  if (invitation.expiresAt.getTime() <= Date.now())
    throw new AppError('GONE', 'This invitation has expired; ask for a new one.');
}
