import { AppError } from '../common/app-error';
import { ANONYMOUS, type AuditActor } from '../audit/audit-actor';
import type { UserPropertyCondition } from '../store/user-filter.sql';
import { Role, roleAtLeast } from './role';

/** Who is calling: resolved once per request from the bearer credential. */
/** A signed-in person (src/members), resolved from their session cookie on every request. */
export interface MemberIdentity {
  id: string;
  email: string;
  name: string;
  /** An owner is a global ADMIN: ADMIN in every environment, present and future. */
  owner: boolean;
  /** Role per environment id (owners need none). */
  roles: Readonly<Record<string, Role>>;
  /** The session of this request; null when the member is not acting through a session. */
  sessionId: string | null;
}

export interface Principal {
  kind: 'api-key' | 'bootstrap' | 'embed' | 'member';
  /** Null for the bootstrap key, which has no row. */
  keyId: string | null;
  role: Role;
  /** Null only for global ADMIN keys: they reach every environment. */
  environmentId: string | null;
  /**
   * For embed links: the one view they show, the user filter locked into every figure, and the
   * token's id (its jti), which names the link for budgets and logs without revealing it.
   */
  embed?: { view: string; conditions: UserPropertyCondition[]; tokenId?: string };
  /**
   * For members: who, and their role per environment. `role` is then their highest role and
   * `environmentId` null; every check goes through roleIn, so neither grants anything alone.
   */
  member?: MemberIdentity;
}

/** A principal for a member; the same rules then apply as to a key of each of their roles. */
export function memberPrincipal(member: MemberIdentity): Principal {
  const held = Object.values(member.roles);
  const role = member.owner
    ? Role.ADMIN
    : (held.sort((a, b) => (roleAtLeast(a, b) ? -1 : 1))[0] ?? Role.ANALYST);
  return { kind: 'member', keyId: null, role, environmentId: null, member };
}

/** The role the principal holds in one environment, or null when it cannot reach it. */
export function roleIn(principal: Principal, environmentId: string): Role | null {
  if (principal.member)
    return principal.member.owner ? Role.ADMIN : (principal.member.roles[environmentId] ?? null);
  if (principal.environmentId !== null && principal.environmentId !== environmentId) return null;
  return principal.role;
}

/** Ids of the environments the principal reaches; null: every environment (global ADMIN). */
export function reachableEnvironments(principal: Principal): string[] | null {
  if (isGlobalAdmin(principal)) return null;
  if (principal.member) return Object.keys(principal.member.roles);
  return principal.environmentId === null ? null : [principal.environmentId];
}

/** Stable name of the credential behind a principal (never its secret), for budgets and logs. */
export function credentialName(principal: Principal): string {
  if (principal.kind === 'embed')
    return `embed link ${principal.embed?.tokenId ?? `of environment ${principal.environmentId}`}`;
  if (principal.member) return `member ${principal.member.id}`;
  if (principal.kind === 'bootstrap' || principal.keyId === null) return 'bootstrap admin key';
  return `API key ${principal.keyId}`;
}

/** Embed links read analytics only: configuration and key management stay hidden from them. */
export function refuseEmbed(principal: Principal | null | undefined, what: string): void {
  if (principal?.kind === 'embed') throw AppError.forbidden(`An embed link cannot ${what}.`);
}

/**
 * The conditions every figure must apply: the caller's own, plus (ANDed) the ones locked into an
 * embed link, which the caller cannot lift.
 */
export function effectiveConditions(
  principal: Principal | null | undefined,
  conditions: UserPropertyCondition[],
): UserPropertyCondition[] {
  return principal?.embed ? [...principal.embed.conditions, ...conditions] : conditions;
}

export function isGlobalAdmin(principal: Principal): boolean {
  if (principal.member) return principal.member.owner;
  return principal.role === Role.ADMIN && principal.environmentId === null;
}

export function requirePrincipal(principal: Principal | null | undefined): Principal {
  if (!principal) throw AppError.unauthenticated();
  return principal;
}

/**
 * Throws unless `principal` holds at least `required` in `environmentId`. A key of another
 * environment is told FORBIDDEN without learning whether the environment exists.
 */
export function requireEnvironmentRole(
  principal: Principal | null | undefined,
  environmentId: string,
  required: Role,
): Principal {
  const caller = requirePrincipal(principal);
  const held = roleIn(caller, environmentId);
  if (held === null) {
    throw AppError.forbidden(
      caller.member
        ? `You are not a member of environment ${environmentId}; ask one of its admins to invite you.`
        : `This key belongs to environment ${caller.environmentId} and cannot reach environment ${environmentId}.`,
    );
  }
  if (!roleAtLeast(held, required)) {
    throw AppError.forbidden(
      `This needs the ${required} role or higher; ${caller.member ? 'you have' : 'the key has'} ${held}.`,
    );
  }
  return caller;
}

export function requireGlobalAdmin(principal: Principal | null | undefined): Principal {
  const caller = requirePrincipal(principal);
  if (!isGlobalAdmin(caller)) {
    throw AppError.forbidden(
      caller.member
        ? 'This needs an owner (a global ADMIN member).'
        : 'This needs a global ADMIN key (one not scoped to an environment).',
    );
  }
  return caller;
}

/** The audit log's name for the caller: a member's email, a key's id, never a secret. */
export function auditActor(principal: Principal | null | undefined): AuditActor {
  if (!principal) return ANONYMOUS;
  if (principal.member)
    return { kind: 'member', id: principal.member.id, label: principal.member.email };
  if (principal.kind === 'embed')
    return {
      kind: 'embed',
      id: principal.embed?.tokenId ?? null,
      label: credentialName(principal),
    };
  if (principal.kind === 'bootstrap' || principal.keyId === null)
    return { kind: 'bootstrap', id: null, label: 'bootstrap admin key' };
  return { kind: 'api-key', id: principal.keyId, label: credentialName(principal) };
}
