import { Principal, effectiveConditions, requireEnvironmentRole } from '../../auth/principal';
import { Role } from '../../auth/role';
import type { UserFilter } from '../../graphql/user-filter.input';
import { validateUserFilter } from '../../store/user-filter.sql';
import type { ResponseScope } from '../sql/response-scope.sql';

/**
 * The responses an analytics question may read: ANALYST and above of the environment, the
 * filter given ANDed with the one an embed link locks in.
 */
export function analyticsScope(
  principal: Principal | null,
  environmentId: string,
  filter?: UserFilter | null,
): ResponseScope {
  requireEnvironmentRole(principal, environmentId, Role.ANALYST);
  return {
    environmentId,
    conditions: effectiveConditions(principal, validateUserFilter(filter)),
  };
}
