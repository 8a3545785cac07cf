import { AppError } from '../common/app-error';
import type { UserPropertyCondition } from '../store/user-filter.sql';
import { Role, roleAtLeast } from './role';

/** Who is calling: resolved once per request from the bearer credential. */
export interface Principal {
  kind: 'api-key' | 'bootstrap' | 'embed';
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
}

/** Stable name of the credential behind a principal (never its secret), for budgets and logs. */
export function credentialName(principal: Principal): string {
  if (principal.kind === 'embed')
    return `embed link ${principal.embed?.tokenId ?? `of environment ${principal.environmentId}`}`;
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
  if (caller.environmentId !== null && caller.environmentId !== environmentId) {
    throw AppError.forbidden(
      `This key belongs to environment ${caller.environmentId} and cannot reach environment ${environmentId}.`,
    );
  }
  if (!roleAtLeast(caller.role, required)) {
    throw AppError.forbidden(
      `This needs the ${required} role or higher; the key has ${caller.role}.`,
    );
  }
  return caller;
}

export function requireGlobalAdmin(principal: Principal | null | undefined): Principal {
  const caller = requirePrincipal(principal);
  if (!isGlobalAdmin(caller)) {
    throw AppError.forbidden('This needs a global ADMIN key (one not scoped to an environment).');
  }
  return caller;
}
