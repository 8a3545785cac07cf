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
