import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/role';

/**
 * Who evaluations read analytics as: an ANALYST of the one environment, so the analytics
 * services apply their usual checks to the scheduler's reads too. Never a caller's credential.
 */
export function alertsPrincipal(environmentId: string): Principal {
  return { kind: 'api-key', keyId: 'alerts-evaluation', role: Role.ANALYST, environmentId };
}
