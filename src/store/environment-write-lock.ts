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

/**
 * Rows returned by a statement. TypeORM's `query` answers UPDATE/DELETE … RETURNING with
 * `[rows, count]` instead of the rows, so statements whose RETURNING is read go through here.
 */
export async function returnedRows<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('returnedRows needs the manager of a transaction');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.records as T[];
}
