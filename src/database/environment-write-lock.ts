import type { EntityManager } from 'typeorm';

/**
 * Writers of user data hold this lock shared for their transaction; choosing the email property
 * holds it exclusively while it back-fills normalised emails, so no write slips in between with
 * the old (unset) property and leaves a user unmatched.
 */
export async function lockEnvironmentForWrite(
  manager: EntityManager,
  environmentId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  await manager.query(`SELECT ${fn}(hashtextextended('environment-users:' || $1::text, 0))`, [
    environmentId,
  ]);
}

/** SQL expression for a user's normalised email, given the email property as parameter `$n`. */
export function normalisedEmailSql(
  emailPropertyParam: string,
  identity: string,
  properties: string,
): string {
  return `CASE WHEN ${emailPropertyParam}::text IS NULL THEN NULL
    WHEN ${emailPropertyParam}::text = 'identity' THEN nullif(lower(btrim(${identity})), '')
    ELSE nullif(lower(btrim(${properties} ->> ${emailPropertyParam}::text)), '') END`;
}
