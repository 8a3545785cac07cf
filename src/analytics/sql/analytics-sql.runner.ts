import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { NamedSql, bindNamed } from '../../database/named-sql';
import { ReadReplicas, ReadSession } from '../../database/read-replicas';
import { AnalyticsGate } from '../../workload/analytics-gate';
import { statementTimeoutError } from './statement-timeout';

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
   * Runs analytics SQL in one of the instance's analytics slots (AnalyticsGate), on an analytics
   * connection of a fit read replica, else of the primary (ReadReplicas: read only, under the
   * statement timeout, which becomes a clear error), cancelled in PostgreSQL should its request
   * be cancelled.
   */
  private async guarded<T>(work: (session: ReadSession) => Promise<T>): Promise<T> {
    try {
      return await this.gate.run((slot) =>
        this.replicas.read((session) =>
          slot.cancellable(
            () => session.cancel(),
            () => work(session),
          ),
        ),
      );
    } catch (error) {
      throw statementTimeoutError(error, this.config.analyticsStatementTimeoutMs);
    }
  }
}
