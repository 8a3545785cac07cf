import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AnalyticsGate } from '../../workload/analytics-gate';
import { statementTimeoutError } from './statement-timeout';

/** How the analytics repositories reach PostgreSQL: one statement per slot of the gate. */
@Injectable()
export class AnalyticsSqlRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly gate: AnalyticsGate,
  ) {}

  /**
   * Runs analytics SQL in one of the instance's analytics slots (AnalyticsGate), under the
   * statement timeout (a query that hits it becomes a clear error), cancelled in PostgreSQL
   * should its request be cancelled.
   */
  async guarded<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.gate.run((slot) =>
        this.dataSource.transaction('READ COMMITTED', async (manager) => {
          // Aggregations over a million responses would otherwise spill their sorts to disk.
          const [{ pid }] = await manager.query(
            `SELECT pg_backend_pid() AS pid, set_config('statement_timeout', $1, true),
                    set_config('work_mem', '64MB', true)`,
            [String(Number(this.config.analyticsStatementTimeoutMs))],
          );
          return slot.cancellable(
            () => this.dataSource.query('SELECT pg_cancel_backend($1)', [pid]),
            () => work(manager),
          );
        }),
      );
    } catch (error) {
      throw statementTimeoutError(error, this.config.analyticsStatementTimeoutMs);
    }
  }
}
