import { Pool as PgPool, type Pool, type PoolConfig } from 'pg';
import { DataSource } from 'typeorm';

/** TypeORM's pool of the primary (without replicas, its only pool). */
export function primaryPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/**
 * A separate pool to the server `model` connects to, with its credentials and `overrides` (its
 * size, its application_name, session options). A connection the server dropped (restart,
 * outage) is discarded and the next use opens anew: pg emits the drop on the pool while idle and
 * on the client itself while checked out, where, without a listener, it would crash the process.
 */
export function poolLike(model: Pool, overrides: PoolConfig): Pool {
  const { options } = model as unknown as { options: PoolConfig };
  const pool = new PgPool({
    ...options,
    // pg keeps the password out of the options' enumerable keys.
    password: options.password,
    ...overrides,
  });
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
