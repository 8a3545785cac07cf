/**
 * The service's own analytics SQL, captured rather than copied: the real AnalyticsService and
 * AnalyticsRepository run against a DataSource stand-in that executes each statement on the
 * benchmark database through `pg` (so the service's logic takes the same branches as in
 * production) and records it with its parameters. The statements can then be EXPLAINed, so the
 * plans always belong to the SQL in src/, whatever it has become.
 */
import 'reflect-metadata';
import type { Client, Pool } from 'pg';
import { CorrelationsRepository } from '../../src/analytics/correlations/correlations.repository';
import { CorrelationsService } from '../../src/analytics/correlations/correlations.service';
import { SegmentsRepository } from '../../src/analytics/segments/segments.repository';
import { SegmentsService } from '../../src/analytics/segments/segments.service';
import { AnalyticsSqlRunner } from '../../src/analytics/sql/analytics-sql.runner';
import { NewestResponseRepository } from '../../src/analytics/sql/newest-response.repository';
import { WindowCountsRepository } from '../../src/analytics/sql/window-counts.repository';
import { SummaryRepository } from '../../src/analytics/summary/summary.repository';
import { SummaryService } from '../../src/analytics/summary/summary.service';
import { TrendRepository } from '../../src/analytics/trend/trend.repository';
import { ThemesRepository } from '../../src/analytics/themes/themes.repository';
import { ThemesService } from '../../src/analytics/themes/themes.service';
import { TrendService } from '../../src/analytics/trend/trend.service';
import type { Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/role';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import type { ReadReplicas, ReadSession } from '../../src/database/read-replicas';
import { AnalyticsGate } from '../../src/workload/analytics-gate';

export interface CapturedStatement {
  sql: string;
  params: unknown[];
}

/** The analytics questions the benchmark captures, each answered by its own service. */
export interface AnalyticsService {
  summary: SummaryService['summary'];
  trend: TrendService['trend'];
  segmentSummary: SegmentsService['segmentSummary'];
  segmentMembers: SegmentsService['segmentMembers'];
  segmentComparison: SegmentsService['segmentComparison'];
  correlations: CorrelationsService['correlations'];
  themeImpact: ThemesService['impact'];
}

/** The services of src/analytics wired as AnalyticsModule wires them, on `dataSource`. */
function analyticsServices(replicas: ReadReplicas, config: AppConfig): AnalyticsService {
  const sql = new AnalyticsSqlRunner(replicas, config, new AnalyticsGate(config));
  const windows = new WindowCountsRepository(sql);
  const newest = new NewestResponseRepository(sql);
  const summary = new SummaryService(new SummaryRepository(windows));
  const trend = new TrendService(new TrendRepository(sql, windows));
  const segments = new SegmentsService(new SegmentsRepository(sql, newest), config);
  const correlations = new CorrelationsService(new CorrelationsRepository(sql, newest));
  const themes = new ThemesService(new ThemesRepository(sql));
  return {
    summary: (...args) => summary.summary(...args),
    trend: (...args) => trend.trend(...args),
    segmentSummary: (...args) => segments.segmentSummary(...args),
    segmentMembers: (...args) => segments.segmentMembers(...args),
    segmentComparison: (...args) => segments.segmentComparison(...args),
    correlations: (...args) => correlations.correlations(...args),
    themeImpact: (...args) => themes.impact(...args),
  };
}

/**
 * Runs `operation` on an AnalyticsService backed by `pool` and returns every statement it sent
 * in order.
 */
export async function captureServiceSql(
  pool: Pool,
  environmentId: string,
  operation: (service: AnalyticsService, principal: Principal) => Promise<unknown>,
): Promise<CapturedStatement[]> {
  const statements: CapturedStatement[] = [];
  // Capturing is the benchmark's own work, never a user's query: its connections carry no
  // statement timeout (the service's analytics connections do).
  const replicas = {
    read: async (work: (session: ReadSession) => Promise<unknown>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY');
        return await work({
          server: 'primary',
          query: async (sql, params) => {
            statements.push({ sql, params: [...params] });
            return (await client.query(sql, params)).rows;
          },
          cancel: async () => undefined,
        });
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
  } as unknown as ReadReplicas;
  const config = loadConfig({});
  const service = analyticsServices(replicas, config);
  const principal: Principal = { kind: 'api-key', keyId: null, role: Role.ANALYST, environmentId };
  await operation(service, principal);
  return statements;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) text of one statement, run in its own READ COMMITTED transaction
 * without a statement timeout (the user statement timeout is for users' queries, and a plan
 * taken on a busy machine may take longer than any of them may).
 */
export async function explainAnalyze(
  client: Client,
  statement: CapturedStatement,
): Promise<string> {
  await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
  try {
    await client.query('SET LOCAL statement_timeout = 0');
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`,
      statement.params,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The statement with its parameters written in, for reading (not for running). */
export function showStatement(statement: CapturedStatement): string {
  const literal = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) {
      const shown = value.length > 6 ? [...value.slice(0, 3), '…', ...value.slice(-2)] : value;
      return `ARRAY[${shown.map((item) => (item === '…' ? '…' : literal(item))).join(', ')}] /* ${value.length} */`;
    }
    if (typeof value === 'number') return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  };
  const params = statement.params
    .map((value, index) => `  $${index + 1} = ${literal(value)}`)
    .join('\n');
  return `${statement.sql.replace(/\n\s*\n/g, '\n')}\n-- parameters:\n${params}`;
}
