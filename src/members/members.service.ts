import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import {
  MemberIdentity,
  Principal,
  auditActor,
  isGlobalAdmin,
  requireEnvironmentRole,
  requireGlobalAdmin,
  requirePrincipal,
} from '../auth/principal';
import { Role } from '../auth/role';
import { AppError } from '../common/app-error';
import { parseEnvironmentId } from '../common/environment-id';
import { EnvironmentsRepository } from '../store/environments.repository';
import { MemberEntity } from './member.entity';
import { MembersRepository, MemberWithRoles } from './members.repository';
import { isEmail, normalizeEmail } from './one-time-token';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash';
import { passwordProblem } from './password-policy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireMemberRole(role: Role, argument = 'role'): Role {
  if (role === Role.INGEST)
    throw AppError.badInput(
      `${argument}: INGEST is for API keys only; a member is ANALYST, ARCHITECT or ADMIN.`,
      argument,
    );
  return role;
}

export function checkName(name: unknown, argument = 'name'): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed.length === 0 || trimmed.length > 200)
    throw AppError.badInput(`${argument} must be 1 to 200 characters.`, argument);
  return trimmed;
}

export function checkEmail(email: unknown, argument = 'email'): string {
  if (typeof email !== 'string' || !isEmail(email))
    throw AppError.badInput(
      `${argument} must be an email address such as pm@example.com.`,
      argument,
    );
  return email.trim();
}

export function checkPassword(password: unknown, email: string, argument = 'password'): string {
  const problem = passwordProblem(password, email);
  if (problem) throw AppError.badInput(problem.replace(/^password/, argument), argument);
  return password as string;
}

/** Members: who they are, their roles per environment, their passwords. */
@Injectable()
export class MembersService {
  constructor(
    private readonly members: MembersRepository,
    private readonly environments: EnvironmentsRepository,
    private readonly audit: AuditService,
  ) {}

  /** What a session resolves to; null when the member is gone. */
  async identity(memberId: string, sessionId: string | null): Promise<MemberIdentity | null> {
    const member = await this.members.findById(memberId);
    if (!member) return null;
    return {
      id: member.id,
      email: member.email,
      name: member.name,
      owner: member.owner,
      roles: await this.members.rolesOf(member.id),
      sessionId,
    };
  }

  findByEmail(email: string): Promise<MemberEntity | null> {
    return this.members.findByEmail(normalizeEmail(email));
  }

  hasAnyMember(): Promise<boolean> {
    return this.members.count().then((count) => count > 0);
  }

  /**
   * The member whose email and password these are, or null. An unknown email, a member without
   * a password (SSO only) and a wrong password take the same time and give the same null.
   */
  async verifyLogin(email: string, password: string): Promise<MemberEntity | null> {
    const member = await this.members.findByEmail(normalizeEmail(email));
    if (!member?.passwordHash) return verifyAgainstDummy(password).then(() => null);
    return (await verifyPassword(password, member.passwordHash)) ? member : null;
  }

  /** Creates a member (the CLI, the setup link, an accepted invitation, SSO). */
  async create(
    input: {
      email: string;
      name: string;
      password: string | null;
      owner: boolean;
      roles?: Record<string, Role>;
    },
    manager?: EntityManager,
  ): Promise<MemberEntity> {
    const email = checkEmail(input.email);
    const name = checkName(input.name);
    if (input.password !== null) checkPassword(input.password, email);
    if (await this.members.findByEmail(normalizeEmail(email), manager))
      throw AppError.conflict(`A member with email ${email} already exists.`);
    const member = await this.members.insert(
      {
        email,
        emailNormalized: normalizeEmail(email),
        name,
        passwordHash: input.password === null ? null : await hashPassword(input.password),
        owner: input.owner,
      },
      manager,
    );
    for (const [environmentId, role] of Object.entries(input.roles ?? {}))
      await this.members.setRole(member.id, environmentId, requireMemberRole(role), manager);
    return member;
  }

  /** Checks the current password, then sets a new one (the caller ends the other sessions). */
  async changePassword(memberId: string, current: unknown, next: unknown): Promise<MemberEntity> {
    const member = await this.members.findById(memberId);
    if (!member) throw AppError.unauthenticated('Sign in again.');
    if (member.passwordHash !== null) {
      const ok =
        typeof current === 'string' && (await verifyPassword(current, member.passwordHash));
      if (!ok)
        throw AppError.badInput('currentPassword is not your current password.', 'currentPassword');
    }
    const password = checkPassword(next, member.email, 'newPassword');
    await this.members.setPassword(member.id, await hashPassword(password));
    await this.audit.record({
      actor: { kind: 'member', id: member.id, label: member.email },
      action: 'member.password_change',
      target: `member:${member.id}`,
    });
    return member;
  }

  /** Members of one environment (ADMIN there), or all of them (owner). */
  async list(caller: Principal | null, environmentId?: string | null): Promise<MemberWithRoles[]> {
    if (environmentId === null || environmentId === undefined) {
      requireGlobalAdmin(caller);
      return this.members.list();
    }
    const id = parseEnvironmentId(environmentId, 'environmentId');
    requireEnvironmentRole(caller, id, Role.ADMIN);
    return this.members.list(id);
  }

  private async target(memberId: string): Promise<MemberEntity> {
    const member = UUID.test(memberId) ? await this.members.findById(memberId) : null;
    if (!member) throw AppError.notFound(`No member has id "${memberId}".`);
    return member;
  }

  /** ADMIN of the environment changes a member's role there; it applies to their next request. */
  async changeRole(
    caller: Principal | null,
    memberId: string,
    environmentId: string,
    role: Role,
  ): Promise<MemberWithRoles> {
    const id = parseEnvironmentId(environmentId, 'environmentId');
    requireEnvironmentRole(caller, id, Role.ADMIN);
    requireMemberRole(role);
    const member = await this.target(memberId);
    const roles = await this.members.rolesOf(member.id);
    if (roles[id] === undefined)
      throw AppError.notFound(
        `Member ${member.email} is not a member of environment ${id}; invite them instead.`,
      );
    await this.members.setRole(member.id, id, role);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'member.role_change',
      target: `member:${member.id}`,
      environmentId: id,
      details: { email: member.email, from: roles[id], to: role },
    });
    return { member, roles: { ...roles, [id]: role } };
  }

  /**
   * With an environment: takes the member's role there (ADMIN of it). Without: removes the
   * member altogether (owner only), their sessions with them. The last owner cannot be removed.
   */
  async remove(
    caller: Principal | null,
    memberId: string,
    environmentId?: string | null,
  ): Promise<boolean> {
    if (environmentId !== null && environmentId !== undefined) {
      const id = parseEnvironmentId(environmentId, 'environmentId');
      requireEnvironmentRole(caller, id, Role.ADMIN);
      const member = await this.target(memberId);
      if (!(await this.members.removeRole(member.id, id)))
        throw AppError.notFound(`Member ${member.email} is not a member of environment ${id}.`);
      await this.audit.record({
        actor: auditActor(caller),
        action: 'member.remove',
        target: `member:${member.id}`,
        environmentId: id,
        details: { email: member.email },
      });
      return true;
    }
    requireGlobalAdmin(caller);
    const member = await this.target(memberId);
    await this.members.exclusive(async (manager) => {
      if (member.owner && (await this.members.countOwners(manager)) <= 1)
        throw AppError.conflict(
          `${member.email} is the last owner; make another member an owner before removing them.`,
        );
      await this.members.delete(member.id, manager);
    });
    await this.audit.record({
      actor: auditActor(caller),
      action: 'member.remove',
      target: `member:${member.id}`,
      details: { email: member.email, owner: member.owner },
    });
    return true;
  }

  /**
   * Whether `caller` may act on the member's account (a password reset): an owner, or an ADMIN of
   * every environment the member has a role in (never for an owner), so no admin can take over an
   * account that reaches further than they do.
   */
  async requireAuthorityOver(caller: Principal | null, memberId: string): Promise<MemberEntity> {
    const principal = requirePrincipal(caller);
    const member = await this.target(memberId);
    if (isGlobalAdmin(principal)) return member;
    if (member.owner) requireGlobalAdmin(principal);
    const environments = Object.keys(await this.members.rolesOf(member.id));
    if (environments.length === 0) requireGlobalAdmin(principal);
    for (const environmentId of environments)
      requireEnvironmentRole(principal, environmentId, Role.ADMIN);
    return member;
  }

  environmentExists(id: string): Promise<boolean> {
    return this.environments.findById(id).then((found) => found !== null);
  }
}
