import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { NamedSql, bindNamed } from '../../database/named-sql';
import { AnalyticsGate } from '../../workload/analytics-gate';
import { withParameters, sql } from './named-fragment';
import { statementTimeoutError } from './statement-timeout';

/**
 * The session of one analytics statement: its backend (to cancel it), the statement timeout, and
 * work_mem so aggregations over a million responses do not spill their sorts to disk.
 */
function sessionStatement(statementTimeoutMs: number): NamedSql {
  return withParameters(
    sql`
      SELECT pg_backend_pid() AS pid, set_config('statement_timeout', :statementTimeout, true),
             set_config('work_mem', '64MB', true)`,
    { statementTimeout: String(Number(statementTimeoutMs)) },
  );
}

/** Stops the statement running on backend `pid`. */
function cancelStatement(pid: number): NamedSql {
  return withParameters(sql`SELECT pg_cancel_backend(:pid)`, { pid });
}

/** Binds `statement`'s named parameters and sends it on `connection`. */
function run<T>(connection: Pick<EntityManager, 'query'>, statement: NamedSql): Promise<T> {
  const { text, values } = bindNamed(statement.sql, statement.parameters);
  return connection.query(text, values);
}

/** How the analytics repositories reach PostgreSQL: one statement per slot of the gate. */
@Injectable()
export class AnalyticsSqlRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly gate: AnalyticsGate,
  ) {}

  /** The rows `statement` returns, run as guarded describes. */
  rows<T>(statement: NamedSql): Promise<T[]> {
    return this.guarded((manager) => run<T[]>(manager, statement));
  }

  /**
   * Runs analytics SQL in one of the instance's analytics slots (AnalyticsGate), under the
   * statement timeout (a query that hits it becomes a clear error), cancelled in PostgreSQL
   * should its request be cancelled.
   */
  private async guarded<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.gate.run((slot) =>
        this.dataSource.transaction('READ COMMITTED', async (manager) => {
          const [{ pid }] = await run<Array<{ pid: number }>>(
            manager,
            sessionStatement(this.config.analyticsStatementTimeoutMs),
          );
          return slot.cancellable(
            () => run(this.dataSource, cancelStatement(pid)),
            () => work(manager),
          );
        }),
      );
    } catch (error) {
      throw statementTimeoutError(error, this.config.analyticsStatementTimeoutMs);
    }
  }
}
