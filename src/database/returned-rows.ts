import { DataSource, type EntityManager } from 'typeorm';

/**
 * Rows returned by a statement. TypeORM's `query` answers UPDATE/DELETE … RETURNING with
 * `[rows, count]` instead of the rows, so statements whose RETURNING is read go through here:
 * in a transaction's manager, or on a connection of the data source of its own.
 */
export async function returnedRows<T>(
  on: EntityManager | DataSource,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  if (on instanceof DataSource) {
    const runner = on.createQueryRunner();
    try {
      return (await runner.query(sql, params, true)).records as T[];
    } finally {
      await runner.release();
    }
  }
  if (!on.queryRunner) throw new Error('returnedRows needs the manager of a transaction');
  const result = await on.queryRunner.query(sql, params, true);
  return result.records as T[];
}
