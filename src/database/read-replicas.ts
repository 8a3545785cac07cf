import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Pool, type PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { describeDatabaseError, isDatabaseUnavailable } from './database-unavailable';
import { poolLike, primaryPool } from './pool-like';

/** One analytics connection on one server, held for one statement. */
export interface ReadSession {
  /** 'primary', or 'replica N' (1-based, in DATABASE_REPLICA_URLS order). */
  readonly server: string;
  query(text: string, values: unknown[]): Promise<unknown>;
  /** Stops the statement running on this connection (pg_cancel_backend, from another one). */
  cancel(): Promise<unknown>;
}

/**
 * What every analytics connection is set to once, when it opens, so that a read costs one round
 * trip instead of a transaction with its own settings: read only, the user statement timeout, and
 * work_mem so aggregations over a million responses do not spill their sorts to disk.
 */
export function analyticsSessionOptions(statementTimeoutMs: number): string {
  return [
    '-c default_transaction_read_only=on',
    `-c statement_timeout=${Math.max(0, Math.floor(statementTimeoutMs))}`,
    '-c work_mem=64MB',
  ].join(' ');
}

/** What /health shows of a replica: never its URL, which may hold a password. */
export interface ReplicaStatus {
  name: string;
  host: string;
  status: 'up' | 'lagging' | 'down';
  /** Seconds of primary writes not yet replayed (0: caught up); null when down. */
  lagSeconds: number | null;
  reads: number;
}

interface ReplicaState extends ReplicaStatus {
  /** TypeORM's pool of the replica: lag checks and cancels. */
  pool: Pool;
  /** Analytics connections to the replica (analyticsSessionOptions), opened on first use. */
  analyticsPool: Pool | null;
}

const CHECK_INTERVAL_MS = 2000;
const CHECK_TIMEOUT_MS = 1000;

/**
 * How far behind the primary's WAL position ($1, read just before) this replica's replay is:
 * caught up, else the age of the last transaction it replayed.
 */
const LAG_SQL = `SELECT pg_is_in_recovery() AS standby,
       coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS "caughtUp",
       extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS behind`;

/**
 * Analytics reads on read replicas (DATABASE_REPLICA_URLS, TypeORM replication's "slave" pools):
 * each read transaction goes to a random replica that is up and at most REPLICA_MAX_LAG_SECONDS
 * behind, else to the primary. A replica that cannot be reached is marked down and the read is
 * run again on the primary, so callers see no error; it comes back once a check reaches it.
 * Everything else (writes, and reads that must see them) uses the DataSource's default, the
 * primary.
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplicas');
  private readonly replicas: ReplicaState[];
  private primaryReads = 0;
  private primaryAnalyticsPool: Pool | null = null;
  private readonly analyticsPools: Pool[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    const pools = config.replicas.urls.length
      ? ((dataSource.driver as unknown as { slaves: Pool[] }).slaves ?? [])
      : [];
    this.replicas = config.replicas.urls.map((url, index) => ({
      name: `replica ${index + 1}`,
      host: new URL(url).host,
      status: 'down',
      lagSeconds: null,
      reads: 0,
      pool: pools[index],
      analyticsPool: null,
    }));
  }

  onModuleInit(): void {
    if (this.replicas.length === 0) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.analyticsPools.splice(0).map((pool) => pool.end()));
  }

  /** Reads served by the primary and by each replica since start, and each replica's state. */
  get status(): { primaryReads: number; maxLagSeconds: number; replicas: ReplicaStatus[] } {
    return {
      primaryReads: this.primaryReads,
      maxLagSeconds: this.config.replicas.maxLagSeconds,
      replicas: this.replicas.map(
        ({ pool: _pool, analyticsPool: _analytics, ...status }) => status,
      ),
    };
  }

  /** Measures every replica's lag now (each within a second); what /health reports. */
  async check(): Promise<void> {
    if (this.replicas.length === 0) return;
    let primaryLsn: string;
    try {
      const [row] = await this.dataSource.query(`SELECT pg_current_wal_lsn()::text AS lsn`);
      primaryLsn = row.lsn;
    } catch {
      return; // The primary's own outage is /health's database check.
    }
    await Promise.all(this.replicas.map((replica) => this.checkOne(replica, primaryLsn)));
  }

  private async checkOne(replica: ReplicaState, primaryLsn: string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const { rows } = await Promise.race([
        replica.pool.query<{ standby: boolean; caughtUp: boolean; behind: number | null }>(
          LAG_SQL,
          [primaryLsn],
        ),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no answer within 1 s')), CHECK_TIMEOUT_MS);
        }),
      ]);
      const [{ standby, caughtUp, behind }] = rows;
      if (!standby) throw new Error('not a standby (pg_is_in_recovery() is false)');
      replica.lagSeconds = caughtUp ? 0 : (behind ?? Number.POSITIVE_INFINITY);
      replica.status = replica.lagSeconds <= this.config.replicas.maxLagSeconds ? 'up' : 'lagging';
    } catch (error) {
      this.markDown(replica, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private markDown(replica: ReplicaState, error: unknown): void {
    if (replica.status !== 'down')
      this.logger.warn(`${replica.name} skipped: ${describeDatabaseError(error)}`);
    replica.status = 'down';
    replica.lagSeconds = null;
  }

  /**
   * Runs `work` on an analytics connection of a fit replica, else of the primary; a replica that
   * cannot be reached is marked down and `work` runs on the primary instead.
   */
  async read<T>(work: (session: ReadSession) => Promise<T>): Promise<T> {
    const fit = this.replicas.filter((replica) => replica.status === 'up');
    const replica = fit[Math.floor(Math.random() * fit.length)];
    if (!replica) return this.onPrimary(work);
    replica.analyticsPool ??= this.analyticsPoolLike(replica.pool);
    let client: PoolClient;
    try {
      client = await replica.analyticsPool.connect();
    } catch (error) {
      this.markDown(replica, error);
      return this.onPrimary(work);
    }
    let broken: unknown;
    try {
      const result = await work(
        this.session(replica.name, client, (text, values) => replica.pool.query(text, values)),
      );
      replica.reads += 1;
      return result;
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      broken = error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
    this.markDown(replica, broken);
    return this.onPrimary(work);
  }

  private async onPrimary<T>(work: (session: ReadSession) => Promise<T>): Promise<T> {
    this.primaryAnalyticsPool ??= this.analyticsPoolLike(primaryPool(this.dataSource));
    const client = await this.primaryAnalyticsPool.connect();
    let broken: unknown;
    try {
      const result = await work(
        this.session('primary', client, (text, values) => this.dataSource.query(text, values)),
      );
      this.primaryReads += 1;
      return result;
    } catch (error) {
      if (isDatabaseUnavailable(error)) broken = error;
      throw error;
    } finally {
      client.release(broken instanceof Error ? broken : undefined);
    }
  }

  private session(
    server: string,
    client: PoolClient,
    aside: (text: string, values: unknown[]) => Promise<unknown>,
  ): ReadSession {
    const pid = (client as unknown as { processID: number }).processID;
    return {
      server,
      query: async (text, values) => (await client.query(text, values)).rows,
      cancel: () => aside('SELECT pg_cancel_backend($1)', [pid]),
    };
  }

  /**
   * A pool of analytics connections to the server `model` connects to: as many as the analytics
   * gate lets run at once, each set up by analyticsSessionOptions.
   */
  private analyticsPoolLike(model: Pool): Pool {
    const pool = poolLike(model, {
      max: this.config.analyticsMaxConcurrency,
      application_name: 'nps-analytics-reads',
      options: analyticsSessionOptions(this.config.analyticsStatementTimeoutMs),
    });
    this.analyticsPools.push(pool);
    return pool;
  }
}
