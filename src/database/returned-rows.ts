import type { EntityManager } from 'typeorm';

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
