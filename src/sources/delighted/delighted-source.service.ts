import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Principal, auditActor, refuseEmbed, requireEnvironmentRole } from '../../auth/principal';
import { AuditService } from '../../audit/audit.service';
import { Role } from '../../auth/role';
import { AppError } from '../../common/app-error';
import { Connection, toConnection } from '../../common/connection.model';
import { decodeCursor, encodeCursor, pageSize } from '../../common/cursor';
import { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../crypto/secret-box';
import { EnvironmentsService } from '../../environments/environments.service';
import { parseEnvironmentId } from '../../common/environment-id';
import { SurveyWrites } from '../../store/survey-writes';
import { SurveyResponsesRepository } from '../../store/survey-responses.repository';
import type { DelightedWebhookPayload } from '../delighted-api/delighted-api.types';
import {
  MalformedResponseError,
  recordFromDelighted,
} from '../delighted-api/delighted-response.parser';
import { backfillProgress } from './backfill-progress';
import { DelightedApiError, DelightedClient } from './delighted-client';
import {
  DelightedUrlError,
  literalHostRefusal,
  parseDelightedApiUrl,
  withoutCredentials,
} from '../../outbound/delighted-url';
import { DelightedSourceEntity, DelightedSourceOrigin } from './delighted-source.entity';
import {
  DEMO_SOURCE_OFFLINE,
  DelightedSourceModel,
  DelightedSourceOriginValue,
  DelightedSourceStatusValue,
  SyncRunModel,
  SyncRunOutcomeValue,
} from './delighted-source.model';
import { DelightedSourcesRepository } from './delighted-sources.repository';
import { DelightedSyncService } from './delighted-sync.service';
import { SyncRunEntity } from './sync-run.entity';

/** Stands in for the key of a missing source, so that refusing costs the same HMAC. */
const UNKNOWN_SOURCE_KEY = randomBytes(32);

export function toSyncRunModel(run: SyncRunEntity): SyncRunModel {
  return { ...run, outcome: run.outcome as SyncRunOutcomeValue };
}

/** Connecting, disconnecting and reading an environment's Delighted source; webhooks. */
@Injectable()
export class DelightedSourceService {
  private readonly logger = new Logger(DelightedSourceService.name);

  constructor(
    private readonly sources: DelightedSourcesRepository,
    private readonly responses: SurveyResponsesRepository,
    private readonly sync: DelightedSyncService,
    private readonly environments: EnvironmentsService,
    private readonly secrets: SecretBox,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly writes: SurveyWrites,
  ) {}

  /**
   * Checks the key against the API, then stores it encrypted and (by default) starts the
   * backfill in the background. Nothing is saved when the check fails.
   */
  async connect(
    principal: Principal | null,
    input: {
      environmentId: string;
      apiKey: string;
      apiUrl?: string | null;
      startBackfill?: boolean | null;
      /** DEMO only from `npm run demo` (not a GraphQL argument); API otherwise. */
      origin?: DelightedSourceOrigin;
    },
  ): Promise<DelightedSourceModel> {
    const origin = input.origin ?? 'API';
    const environment = await this.environments.get(principal, input.environmentId, Role.ARCHITECT);
    if (!environment.emailProperty) {
      throw AppError.badInput(
        "Choose the users' email property first (setEmailProperty): responses are matched to users by it.",
        'environmentId',
      );
    }
    const apiKey = input.apiKey.trim();
    if (apiKey.length < 4 || apiKey.length > 200) {
      throw AppError.badInput(
        'apiKey must be the Delighted API key (4 to 200 characters).',
        'apiKey',
      );
    }
    const { apiUrl, client } = this.checkedClient(input.apiUrl, apiKey);
    await this.verifyKey(client, apiUrl);
    const ciphertext = this.secrets.encrypt(apiKey);
    const last4 = apiKey.slice(-4);
    const existing = await this.sources.find(environment.id);
    if (existing && existing.status !== 'DISCONNECTED' && existing.apiUrl === apiUrl) {
      await this.sources.replaceKey(environment.id, ciphertext, last4, origin);
    } else {
      const backfillUntil = new Date();
      const estimatedTotal = await client
        .metrics({ until: Math.floor(backfillUntil.getTime() / 1000) })
        .then((metrics) => metrics.response_count)
        .catch(() => null);
      await this.sources.connect({
        environmentId: environment.id,
        apiUrl,
        apiKeyCiphertext: ciphertext,
        apiKeyLast4: last4,
        backfillUntil,
        estimatedTotal,
        perPage: this.config.delightedPerPage,
        origin,
      });
    }
    await this.audit.record({
      actor: auditActor(principal),
      action: 'source.connect',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: { source: 'delighted', apiUrl, apiKeyLast4: last4 },
    });
    if (input.startBackfill !== false) {
      void this.sync.sync(environment.id, 'CONNECT').catch((error: unknown) => {
        this.logger.error(
          `backfill of environment ${environment.id} could not start: ${String(error)}`,
        );
      });
    }
    return (await this.read(principal, environment.id))!;
  }

  /** A client for the given (or the configured) API URL, refused before any traffic when not allowed. */
  private checkedClient(
    requestedUrl: string | null | undefined,
    apiKey: string,
  ): { apiUrl: string; client: DelightedClient } {
    let target;
    try {
      target = parseDelightedApiUrl(requestedUrl?.trim() || this.config.delightedApiUrl, 'apiUrl');
    } catch (error) {
      throw AppError.badInput((error as DelightedUrlError).message, 'apiUrl');
    }
    const refusal = this.config.delightedAllowPrivateUrls
      ? null
      : literalHostRefusal(target.origin);
    if (refusal !== null) {
      throw AppError.badInput(
        `apiUrl must point to the public Delighted API: ${target.origin} is not a public address (private, loopback, link-local and similar ranges are refused).`,
        'apiUrl',
      );
    }
    const client = new DelightedClient({
      baseUrl: target.baseUrl,
      apiKey,
      allowPrivateAddresses: this.config.delightedAllowPrivateUrls,
      timeoutMs: Math.min(this.config.delightedTimeoutMs, 15_000),
      maxRetries: 1,
      retryBaseMs: this.config.delightedRetryBaseMs,
      maxRetryAfterSeconds: 5,
      maxRateLimitWaits: 2,
    });
    return { apiUrl: target.baseUrl, client };
  }

  /**
   * Every failure but a refused key reads the same, so answers do not tell closed ports,
   * other services and unresolvable or internal names apart; the log keeps the detail.
   */
  private async verifyKey(client: DelightedClient, apiUrl: string): Promise<void> {
    try {
      await client.verifyKey();
    } catch (error) {
      if (error instanceof DelightedApiError && error.kind === 'unauthorized') {
        throw AppError.badInput(
          'The Delighted API rejected this key (401). Check the key and try again.',
          'apiKey',
        );
      }
      if (error instanceof DelightedApiError && error.kind === 'forbidden') {
        throw AppError.badInput(error.message, 'apiKey');
      }
      const origin = new URL(apiUrl).origin;
      const detail =
        error instanceof DelightedApiError
          ? `${error.kind}${error.status ? ` ${error.status}` : ''}: ${error.message}${error.detail ? ` (${error.detail})` : ''}`
          : 'unexpected error';
      this.logger.warn(`connectDelighted could not check the key at ${origin}: ${detail}`);
      throw new AppError(
        'UPSTREAM_ERROR',
        `Could not check the key: the Delighted API at ${origin} is unreachable or did not answer like the Delighted API. Check apiUrl and try again.`,
      );
    }
  }

  async disconnect(
    principal: Principal | null,
    environmentId: string,
  ): Promise<DelightedSourceModel> {
    const environment = await this.environments.get(principal, environmentId, Role.ARCHITECT);
    if (!(await this.sources.find(environment.id))) {
      throw AppError.notFound(`Environment ${environment.id} has no Delighted source.`);
    }
    await this.sources.disconnect(environment.id);
    await this.audit.record({
      actor: auditActor(principal),
      action: 'source.disconnect',
      target: `environment:${environment.id}`,
      environmentId: environment.id,
      details: { source: 'delighted' },
    });
    return (await this.read(principal, environment.id))!;
  }

  /** Runs a sync now and returns it (or the run already in progress). */
  async syncNow(principal: Principal | null, environmentId: string): Promise<SyncRunModel> {
    const environment = await this.environments.get(principal, environmentId, Role.ARCHITECT);
    const source = await this.sources.find(environment.id);
    if (!source || source.status === 'DISCONNECTED') {
      throw AppError.badInput(
        `Environment ${environment.id} has no connected Delighted source: connectDelighted first.`,
        'environmentId',
      );
    }
    const run = await this.sync.sync(environment.id, 'MANUAL');
    if (!run) throw AppError.conflict('The source changed while starting the sync; try again.');
    return toSyncRunModel(run);
  }

  async read(
    principal: Principal | null,
    environmentId: string,
  ): Promise<DelightedSourceModel | null> {
    refuseEmbed(principal, 'show source configuration');
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const source = await this.sources.find(environmentId);
    return source ? toSourceModel(source) : null;
  }

  async listRuns(
    principal: Principal | null,
    environmentId: string,
    args: { first?: number | null; after?: string | null },
  ): Promise<Connection<SyncRunModel>> {
    refuseEmbed(principal, 'show sync runs');
    requireEnvironmentRole(principal, environmentId, Role.ANALYST);
    const limit = pageSize(args.first, 20, this.config.graphqlMaxPageSize);
    const beforeId = args.after ? decodeCursor('sync-run', args.after, ['id'])[0] : null;
    const [rows, total] = await Promise.all([
      this.sources.listRuns(environmentId, beforeId, limit + 1),
      this.sources.countRuns(environmentId),
    ]);
    return toConnection(
      rows,
      limit,
      total,
      (run) => encodeCursor('sync-run', [run.id]),
      toSyncRunModel,
    );
  }

  /**
   * A signed webhook delivery: verified against the stored key (HMAC-SHA256 of the raw body,
   * constant time), then upserted like an API page. Repeats and out-of-order deliveries are
   * harmless: an older version never overwrites a newer one.
   */
  async receiveWebhook(
    environmentIdParam: string,
    rawBody: Buffer | undefined,
    signatureHeader: string | undefined,
  ): Promise<{ ok: true; result: 'inserted' | 'updated' | 'unchanged' | 'ignored' }> {
    if (!rawBody || !signatureHeader) {
      throw AppError.unauthenticated('Missing X-Delighted-Webhook-Signature header or body.');
    }
    // An unknown environment, one without a connected source and a wrong signature answer
    // alike (and after the same HMAC work), so the answer tells nobody which environments
    // have a source.
    let environmentId: string | null = null;
    try {
      environmentId = parseEnvironmentId(environmentIdParam, 'environmentId');
    } catch {
      // Answered below like any environment without a source.
    }
    const source = environmentId ? await this.sources.find(environmentId) : null;
    const connected = source && source.status !== 'DISCONNECTED' ? source : null;
    const key = connected ? this.secrets.decrypt(connected.apiKeyCiphertext) : UNKNOWN_SOURCE_KEY;
    const expected = createHmac('sha256', key).update(rawBody).digest();
    const match = /^sha256=([0-9a-f]{64})$/i.exec(signatureHeader.trim());
    const given = match ? Buffer.from(match[1], 'hex') : Buffer.alloc(32);
    if (!timingSafeEqual(expected, given) || !match || !connected || !environmentId) {
      throw AppError.unauthenticated(
        'The webhook signature does not match a connected Delighted source of this environment: nothing was stored.',
      );
    }
    let payload: DelightedWebhookPayload;
    try {
      payload = JSON.parse(rawBody.toString('utf8'));
    } catch {
      throw AppError.invalidItems('The webhook body is not JSON; nothing was stored.', [
        { field: 'body', message: 'expected the JSON Delighted sends' },
      ]);
    }
    const eventType = (payload as unknown as Record<string, unknown> | null)?.event_type;
    if (eventType !== 'survey_response.created' && eventType !== 'survey_response.updated') {
      return { ok: true, result: 'ignored' };
    }
    let record;
    try {
      record = recordFromDelighted(payload.event_data);
    } catch (error) {
      if (!(error instanceof MalformedResponseError)) throw error;
      throw AppError.invalidItems(
        `event_data is not a survey response that can be stored (${error.message}); nothing was stored.`,
        error.problems.map((problem) => ({
          field: problem.field ? `event_data.${problem.field}` : 'event_data',
          message: `${problem.field || 'event_data'} ${problem.message}`,
        })),
      );
    }
    const outcome = await this.responses.upsert(environmentId, [record], 'webhook');
    await this.sources.markResponsesStored(environmentId);
    if (outcome.inserted + outcome.updated > 0) this.writes.stored(environmentId);
    return {
      ok: true,
      result: outcome.inserted ? 'inserted' : outcome.updated ? 'updated' : 'unchanged',
    };
  }
}

export function toSourceModel(source: DelightedSourceEntity): DelightedSourceModel {
  const progress = backfillProgress({
    // The estimate comes from Delighted's metrics, which count NPS responses only.
    responsesDone: source.backfillNpsDone,
    estimatedTotal: source.backfillEstimatedTotal,
    startedAt: source.backfillStartedAt,
    completedAt: source.backfillCompletedAt,
  });
  return {
    environmentId: source.environmentId,
    status: source.status as DelightedSourceStatusValue,
    origin: source.origin as DelightedSourceOriginValue,
    notice: source.status === 'DEMO_OFFLINE' ? DEMO_SOURCE_OFFLINE : null,
    // Sources connected before credentials in URLs were refused may still hold some.
    apiUrl: withoutCredentials(source.apiUrl),
    apiKeyLast4: source.apiKeyLast4,
    connectedAt: source.connectedAt,
    firstResponseAt: source.firstResponseAt,
    lastSyncAt: source.lastSyncAt,
    lastError: source.lastError,
    backfill: {
      responsesDone: source.backfillResponsesDone,
      pagesDone: Math.max(0, source.backfillNextPage - 1),
      estimatedTotal: source.backfillEstimatedTotal,
      percent: progress.percent,
      eta: progress.eta,
      startedAt: source.backfillStartedAt,
      completedAt: source.backfillCompletedAt,
    },
  };
}
