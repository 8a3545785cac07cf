import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { NamedSql, bindNamed } from '../../database/named-sql';
import { ReadReplicas, ReadSession } from '../../database/read-replicas';
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

/** Binds `statement`'s named parameters and sends it through `send`. */
function run<T>(
  send: (text: string, values: unknown[]) => Promise<unknown>,
  statement: NamedSql,
): Promise<T> {
  const { text, values } = bindNamed(statement.sql, statement.parameters);
  return send(text, values) as Promise<T>;
}

/** How the analytics repositories reach PostgreSQL: one statement per slot of the gate. */
@Injectable()
export class AnalyticsSqlRunner {
  constructor(
    private readonly replicas: ReadReplicas,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly gate: AnalyticsGate,
  ) {}

  /** The rows `statement` returns, run as guarded describes. */
  rows<T>(statement: NamedSql): Promise<T[]> {
    return this.guarded((session) =>
      run<T[]>((text, values) => session.query(text, values), statement),
    );
  }

  /**
   * Runs analytics SQL in one of the instance's analytics slots (AnalyticsGate), on a read
   * replica when one is fit (ReadReplicas, else the primary), under the statement timeout (a
   * query that hits it becomes a clear error), cancelled in PostgreSQL should its request be
   * cancelled.
   */
  private async guarded<T>(work: (session: ReadSession) => Promise<T>): Promise<T> {
    try {
      return await this.gate.run((slot) =>
        this.replicas.read(async (session) => {
          const [{ pid }] = await run<Array<{ pid: number }>>(
            (text, values) => session.query(text, values),
            sessionStatement(this.config.analyticsStatementTimeoutMs),
          );
          return slot.cancellable(
            () => run((text, values) => session.aside(text, values), cancelStatement(pid)),
            () => work(session),
          );
        }),
      );
    } catch (error) {
      throw statementTimeoutError(error, this.config.analyticsStatementTimeoutMs);
    }
  }
}
