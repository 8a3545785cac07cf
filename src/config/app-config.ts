import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseEncryptionKeys } from './encryption-keys';
import { AlertsSettings, readAlertsSettings } from './alerts-settings';
import { EnvReader } from './env-reader';
import { MailSettings, readMailSettings } from './mail-settings';
import { SignInSettings, readSignInSettings } from './sign-in-settings';
import { ReplicaSettings, readReplicaSettings } from './replica-settings';
import { WorkloadSettings, readWorkloadSettings } from './workload-settings';
import { literalHostRefusal, parseDelightedApiUrl } from '../outbound/delighted-url';

export type NodeEnvironment = 'development' | 'production' | 'test';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Every setting of the service, read from the environment once and validated at boot.
 * This is the only place that reads `process.env`; the rest of the code receives AppConfig.
 */
export class AppConfig {
  readonly nodeEnv!: NodeEnvironment;
  readonly port!: number;
  readonly host!: string;
  /** Null: the service starts an embedded PostgreSQL under `dataDir`. */
  readonly databaseUrl!: string | null;
  readonly dataDir!: string;
  readonly runMigrations!: boolean;
  readonly databasePoolSize!: number;
  readonly bootstrapAdminKey!: string | null;
  readonly maxBodyBytes!: number;
  /** Bound of every survey import body (multipart, CSV, JSON), streamed rather than buffered. */
  readonly maxImportBytes!: number;
  readonly logLevel!: LogLevel;
  readonly graphqlMaxDepth!: number;
  readonly graphqlMaxComplexity!: number;
  readonly graphqlMaxPageSize!: number;
  /** Schema introspection (`__schema`, `__type`); on by default in development only. */
  readonly graphqlIntrospection!: boolean;
  readonly graphqlMaxFields!: number;
  readonly graphqlMaxTokens!: number;
  /** `id:base64key,…`, first is current; null: a key generated under DATA_DIR is used. */
  readonly encryptionKeys!: string | null;
  readonly delightedApiUrl!: string;
  /** Let Delighted requests reach private, loopback and link-local addresses (local simulator). */
  readonly delightedAllowPrivateUrls!: boolean;
  readonly delightedSyncCron!: string;
  readonly delightedSyncEnabled!: boolean;
  /** Run the comment analysis job (sentiment and theme backfill) on a schedule on this instance. */
  readonly commentAnalysisEnabled!: boolean;
  readonly commentAnalysisCron!: string;
  /** Comments per committed batch of the comment analysis job. */
  readonly commentAnalysisBatch!: number;
  readonly delightedOverlapMinutes!: number;
  readonly delightedPerPage!: number;
  readonly delightedMaxRetries!: number;
  readonly delightedRetryBaseMs!: number;
  readonly delightedTimeoutMs!: number;
  readonly delightedMaxRetryAfterSeconds!: number;
  readonly delightedPrefetchPages!: number;
  /** Syncs this instance runs at once; each holds one connection of its own for its lock. */
  readonly delightedSyncConcurrency!: number;
  readonly analyticsStatementTimeoutMs!: number;
  /** Analytics cost units (src/analytics/cost/analytics-cost.ts) one request may spend. */
  readonly analyticsMaxCostPerRequest!: number;
  /** Analytics cost units one credential may spend per rolling minute, per instance. */
  readonly analyticsMaxCostPerMinute!: number;
  /** Analytics statements running at once per instance (fewer than the pool's connections). */
  readonly analyticsMaxConcurrency!: number;
  /** HS256 secret of embed links; null: generated under DATA_DIR. */
  readonly embedSecret!: string | null;
  readonly embedDefaultMinutes!: number;
  readonly embedMaxMinutes!: number;
  /** CSP frame-ancestors of embedded views, e.g. "https://app.example.com". */
  readonly embedFrameAncestors!: string;
  /** Base URL put in embed links (never taken from request headers), without a trailing slash. */
  readonly publicUrl!: string;
  /** SMTP_URL and MAIL_FROM (src/config/mail-settings.ts). */
  readonly mail!: MailSettings;
  /** Sessions, sign-in throttling, OIDC (src/config/sign-in-settings.ts). */
  readonly signIn!: SignInSettings;
  /** ANALYTICS_MAX_QUEUE and ANALYTICS_QUEUE_TIMEOUT_MS (src/config/workload-settings.ts). */
  readonly workload!: WorkloadSettings;
  /** DATABASE_REPLICA_URLS and REPLICA_MAX_LAG_SECONDS (src/config/replica-settings.ts). */
  readonly replicas!: ReplicaSettings;
  /** ALERTS_* (src/config/alerts-settings.ts). */
  readonly alerts!: AlertsSettings;

  get isDevelopment(): boolean {
    return this.nodeEnv === 'development';
  }

  constructor(values: Omit<AppConfig, 'isDevelopment'>) {
    Object.assign(this, values);
  }
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates the configuration; throws ConfigValidationError naming every bad variable. */
export function loadConfig(env: Env = process.env): AppConfig {
  const reader = new EnvReader(env);
  const problems = reader.problems;
  const text = (name: string) => reader.text(name);
  const integer = (name: string, fallback: number, min: number, max: number) =>
    reader.integer(name, fallback, min, max);
  const boolean = (name: string, fallback: boolean) => reader.boolean(name, fallback);
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T =>
    reader.oneOf(name, allowed, fallback);

  const databaseUrl = text('DATABASE_URL') ?? null;
  if (databaseUrl !== null) {
    try {
      const url = new URL(databaseUrl);
      if (!['postgres:', 'postgresql:'].includes(url.protocol)) {
        problems.push('DATABASE_URL must start with postgres:// or postgresql://');
      }
    } catch {
      problems.push(
        'DATABASE_URL is not a valid URL (expected postgres://user@host:port/database)',
      );
    }
  }
  const bootstrapAdminKey = text('BOOTSTRAP_ADMIN_KEY') ?? null;
  if (bootstrapAdminKey !== null && bootstrapAdminKey.length < 16) {
    problems.push('BOOTSTRAP_ADMIN_KEY must be at least 16 characters (it grants global ADMIN)');
  }
  const port = integer('PORT', 3000, 0, 65535);
  const publicUrl = baseUrl('PUBLIC_URL', text('PUBLIC_URL'), `http://localhost:${port}`, problems);
  const encryptionKeys = text('ENCRYPTION_KEYS') ?? null;
  if (encryptionKeys !== null) {
    try {
      parseEncryptionKeys(encryptionKeys);
    } catch (error) {
      problems.push(`ENCRYPTION_KEYS: ${(error as Error).message}`);
    }
  }
  const delightedAllowPrivateUrls = boolean('DELIGHTED_ALLOW_PRIVATE_URLS', false);
  let delightedApiUrl = 'https://api.delighted.com/v1';
  try {
    delightedApiUrl = parseDelightedApiUrl(
      text('DELIGHTED_API_URL') ?? delightedApiUrl,
      'DELIGHTED_API_URL',
    ).baseUrl;
    // Host names are checked when they are resolved, on every request; IP literals already here.
    const refusal = delightedAllowPrivateUrls ? null : literalHostRefusal(delightedApiUrl);
    if (refusal !== null) {
      problems.push(
        `DELIGHTED_API_URL points to a non-public address (${refusal}); set DELIGHTED_ALLOW_PRIVATE_URLS=true to allow it`,
      );
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  const delightedSyncCron = text('DELIGHTED_SYNC_CRON') ?? '*/5 * * * *';
  if (!isCronExpression(delightedSyncCron)) {
    problems.push(
      `DELIGHTED_SYNC_CRON="${delightedSyncCron}" must be a cron expression (5 or 6 fields), e.g. "*/5 * * * *"`,
    );
  }
  const commentAnalysisCron = text('COMMENT_ANALYSIS_CRON') ?? '*/10 * * * * *';
  if (!isCronExpression(commentAnalysisCron)) {
    problems.push(
      `COMMENT_ANALYSIS_CRON="${commentAnalysisCron}" must be a cron expression (5 or 6 fields), e.g. "*/10 * * * * *"`,
    );
  }
  const databasePoolSize = integer('DATABASE_POOL_SIZE', 10, 1, 200);
  // Half the pool by default: /health, ingestion and sync keep the other half.
  const analyticsMaxConcurrency = integer(
    'ANALYTICS_MAX_CONCURRENCY',
    Math.max(1, Math.floor(databasePoolSize / 2)),
    1,
    200,
  );
  if (text('ANALYTICS_MAX_CONCURRENCY') !== undefined && databasePoolSize > 1) {
    if (analyticsMaxConcurrency >= databasePoolSize)
      problems.push(
        `ANALYTICS_MAX_CONCURRENCY=${analyticsMaxConcurrency} must be below DATABASE_POOL_SIZE=${databasePoolSize}, so /health and ingestion always find a connection`,
      );
  }
  const analyticsMaxCostPerRequest = integer(
    'ANALYTICS_MAX_COST_PER_REQUEST',
    100_000,
    1,
    1_000_000_000,
  );
  const analyticsMaxCostPerMinute = integer(
    'ANALYTICS_MAX_COST_PER_MINUTE',
    1_000_000,
    1,
    1_000_000_000,
  );
  if (analyticsMaxCostPerMinute < analyticsMaxCostPerRequest)
    problems.push(
      `ANALYTICS_MAX_COST_PER_MINUTE=${analyticsMaxCostPerMinute} must be at least ANALYTICS_MAX_COST_PER_REQUEST=${analyticsMaxCostPerRequest}, or the largest request allowed could never run`,
    );
  const nodeEnv = oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'production');
  const graphqlIntrospection = boolean('GRAPHQL_INTROSPECTION', nodeEnv === 'development');
  const values = {
    nodeEnv,
    port,
    host: text('HOST') ?? '0.0.0.0',
    databaseUrl,
    dataDir: dataFolder(text('DATA_DIR'), problems),
    runMigrations: boolean('RUN_MIGRATIONS', true),
    databasePoolSize,
    bootstrapAdminKey,
    maxBodyBytes: integer('MAX_BODY_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    // JSON imports are parsed whole, so the ceiling stays within what one process can hold.
    maxImportBytes: integer('MAX_IMPORT_BYTES', 50 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    logLevel: oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    graphqlMaxDepth: integer('GRAPHQL_MAX_DEPTH', 12, 2, 50),
    graphqlMaxComplexity: integer('GRAPHQL_MAX_COMPLEXITY', 5000, 10, 1_000_000),
    graphqlMaxPageSize: integer('GRAPHQL_MAX_PAGE_SIZE', 500, 1, 10_000),
    graphqlIntrospection,
    graphqlMaxFields: integer('GRAPHQL_MAX_FIELDS', 1000, 10, 100_000),
    graphqlMaxTokens: integer('GRAPHQL_MAX_TOKENS', 50_000, 1000, 1_000_000),
    encryptionKeys,
    delightedApiUrl,
    delightedAllowPrivateUrls,
    delightedSyncCron,
    delightedSyncEnabled: boolean('DELIGHTED_SYNC_ENABLED', true),
    commentAnalysisEnabled: boolean('COMMENT_ANALYSIS_ENABLED', true),
    commentAnalysisCron,
    commentAnalysisBatch: integer('COMMENT_ANALYSIS_BATCH', 2000, 1, 100_000),
    delightedOverlapMinutes: integer('DELIGHTED_OVERLAP_MINUTES', 60, 0, 7 * 24 * 60),
    delightedPerPage: integer('DELIGHTED_PER_PAGE', 100, 1, 100),
    delightedMaxRetries: integer('DELIGHTED_MAX_RETRIES', 6, 0, 50),
    delightedRetryBaseMs: integer('DELIGHTED_RETRY_BASE_MS', 500, 1, 60_000),
    delightedTimeoutMs: integer('DELIGHTED_TIMEOUT_MS', 30_000, 100, 600_000),
    delightedMaxRetryAfterSeconds: integer('DELIGHTED_MAX_RETRY_AFTER_SECONDS', 300, 1, 3600),
    delightedPrefetchPages: integer('DELIGHTED_PREFETCH_PAGES', 3, 1, 16),
    delightedSyncConcurrency: integer('DELIGHTED_SYNC_CONCURRENCY', 3, 1, 50),
    embedSecret: reader.secret('EMBED_SECRET', 32),
    embedDefaultMinutes: integer('EMBED_DEFAULT_MINUTES', 10, 1, 525_600),
    embedMaxMinutes: integer('EMBED_MAX_MINUTES', 1440, 1, 525_600),
    embedFrameAncestors: text('EMBED_FRAME_ANCESTORS') ?? "'self'",
    publicUrl,
    mail: readMailSettings(reader, publicUrl),
    signIn: readSignInSettings(reader, publicUrl),
    workload: readWorkloadSettings(reader),
    replicas: readReplicaSettings(reader),
    alerts: readAlertsSettings(reader),
    analyticsStatementTimeoutMs: integer('ANALYTICS_STATEMENT_TIMEOUT_MS', 15_000, 10, 600_000),
    analyticsMaxCostPerRequest,
    analyticsMaxCostPerMinute,
    analyticsMaxConcurrency,
  };
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return new AppConfig(values);
}

/**
 * An absolute http(s) base URL, without its trailing slash. Credentials, a query or a fragment
 * would end up in every link built on it, so they are refused; the value is not echoed, as it
 * may hold a password.
 */
function baseUrl(
  name: string,
  raw: string | undefined,
  fallback: string,
  problems: string[],
): string {
  if (raw === undefined) return fallback;
  const expected = `${name} must be an absolute http(s) URL such as https://nps.example.com`;
  let url: URL | null = null;
  try {
    if (/^https?:\/\//i.test(raw)) url = new URL(raw);
  } catch {
    // Reported below like any other value that is not an absolute http(s) URL.
  }
  if (url === null || !url.hostname) problems.push(expected);
  else if (url.username || url.password)
    problems.push(`${name} must not contain credentials (user:password@)`);
  else if (url.search || raw.includes('?')) problems.push(`${name} must not contain a query (?…)`);
  else if (url.hash || raw.includes('#')) problems.push(`${name} must not contain a fragment (#…)`);
  else return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return fallback;
}

/**
 * DATA_DIR, absolute. It is created when missing only inside the working directory (the default
 * `.data` is): a missing folder elsewhere is more likely a typo than a wish for a new one.
 */
function dataFolder(raw: string | undefined, problems: string[]): string {
  const folder = resolve(raw ?? '.data');
  const fromWorkingDirectory = relative(process.cwd(), folder);
  const inside = !fromWorkingDirectory.startsWith('..') && !isAbsolute(fromWorkingDirectory);
  if (!inside && !existsSync(folder)) {
    problems.push(
      `DATA_DIR="${raw}" does not exist; create it first (mkdir -p ${folder}) or choose a folder inside the working directory, which is created when missing`,
    );
  }
  return folder;
}

/** Five or six space-separated cron fields of the characters cron accepts. */
function isCronExpression(value: string): boolean {
  const fields = value.trim().split(/\s+/);
  return (
    (fields.length === 5 || fields.length === 6) &&
    fields.every((field) => /^[\d*/,\-A-Za-z?LW#]+$/.test(field))
  );
}
