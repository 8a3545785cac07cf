import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { poolLike, primaryPool } from '../../database/pool-like';

/**
 * The per-source sync lock: a session advisory lock, held for the whole run on a connection of
 * its own pool (DELIGHTED_SYNC_CONCURRENCY connections). Holding it never takes a connection the
 * run's own statements need: on the shared pool, as many running syncs as connections would each
 * hold one and wait for ever for another. PostgreSQL releases the lock if the process dies.
 */
@Injectable()
export class DelightedSyncLocksRepository implements OnModuleDestroy {
  private pool: Pool | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /**
   * Runs `work` while holding this source's lock. Returns null at once when another run, in this
   * process or another instance, holds it; waits for a lock connection when this instance already
   * runs DELIGHTED_SYNC_CONCURRENCY syncs.
   */
  async withSyncLock<T>(environmentId: string, work: () => Promise<T>): Promise<T | null> {
    this.pool ??= poolLike(primaryPool(this.dataSource), {
      max: this.config.delightedSyncConcurrency,
      application_name: 'nps-analytics-sync-locks',
    });
    const client = await this.pool.connect();
    let broken = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(hashtextextended('delighted-sync:' || $1::text, 0)) AS locked`,
        [environmentId],
      );
      if (!rows[0].locked) return null;
      try {
        return await work();
      } finally {
        await client
          .query(`SELECT pg_advisory_unlock(hashtextextended('delighted-sync:' || $1::text, 0))`, [
            environmentId,
          ])
          .catch(() => {
            // Closing the session releases the lock all the same.
            broken = true;
          });
      }
    } finally {
      client.release(broken);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
    this.pool = null;
  }
}
