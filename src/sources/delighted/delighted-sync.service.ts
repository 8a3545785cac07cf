import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { SecretBox } from '../../crypto/secret-box';
import { crossesAnalyzeMark } from '../../database/analyze-marks';
import {
  PlannerStatisticsRepository,
  SYNC_TABLES,
} from '../../database/planner-statistics.repository';
import { SurveyWrites } from '../../store/survey-writes';
import { SurveyResponsesRepository } from '../../store/survey-responses.repository';
import { isNpsResponse, SurveyResponseRecord } from '../../store/survey-response-record';
import type { DelightedSurveyResponse } from '../delighted-api/delighted-api.types';
import { DelightedApiError, DelightedClient, DelightedClientOptions } from './delighted-client';
import { DEMO_SOURCE_OFFLINE } from './delighted-source.model';
import {
  MalformedResponseError,
  recordFromDelighted,
} from '../delighted-api/delighted-response.parser';
import { DelightedSourceEntity } from './delighted-source.entity';
import { DelightedSyncLocksRepository } from './delighted-sync-locks.repository';
import { DelightedSourcesRepository, RunCounters } from './delighted-sources.repository';
import { SyncRunEntity } from './sync-run.entity';

/** How long a demo source's simulator may take to answer before it counts as not running. */
const SIMULATOR_PROBE_TIMEOUT_MS = 2000;
/** How often a caller looks again for another process's run. */
const RUN_POLL_MS = 50;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const toUnixSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const maxDate = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** Reads pages in order with a few fetched ahead, so HTTP and database work overlap. */
class PageReader {
  private readonly pending = new Map<number, Promise<DelightedSurveyResponse[]>>();
  private readonly cancel = new AbortController();
  private nextToFetch: number;

  constructor(
    private readonly fetchPage: (
      page: number,
      signal: AbortSignal,
    ) => Promise<DelightedSurveyResponse[]>,
    firstPage: number,
    private readonly window: number,
  ) {
    this.nextToFetch = firstPage;
  }

  async read(page: number): Promise<DelightedSurveyResponse[]> {
    while (this.nextToFetch < page + this.window) {
      const fetching = this.fetchPage(this.nextToFetch, this.cancel.signal);
      fetching.catch(() => undefined); // awaited in turn below; keep early failures from going unhandled
      this.pending.set(this.nextToFetch, fetching);
      this.nextToFetch += 1;
    }
    const result = this.pending.get(page)!;
    this.pending.delete(page);
    return result;
  }

  /** Stops the pages fetched ahead (and their retries) once the run no longer needs them. */
  close(): void {
    this.cancel.abort();
  }
}

/**
 * Syncs a Delighted source: the backfill (oldest first, resuming at its checkpoint), then an
 * incremental pass over what changed (updated_since) and what is new (since), each re-reading an
 * overlap window below its watermark. Called by the syncDelighted mutation, the scheduler, the
 * connect flow and the tests alike.
 */
@Injectable()
export class DelightedSyncService {
  private readonly logger = new Logger(DelightedSyncService.name);

  constructor(
    private readonly sources: DelightedSourcesRepository,
    private readonly locks: DelightedSyncLocksRepository,
    private readonly responses: SurveyResponsesRepository,
    private readonly secrets: SecretBox,
    private readonly statistics: PlannerStatisticsRepository,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly writes: SurveyWrites,
  ) {}

  /**
   * Runs one sync of the environment's source. When another run holds the source, returns that
   * run (still RUNNING) instead of starting a second one.
   */
  async sync(
    environmentId: string,
    trigger: 'CONNECT' | 'SCHEDULE' | 'MANUAL' | 'STARTUP',
  ): Promise<SyncRunEntity | null> {
    const outcome = await this.locks.withSyncLock(environmentId, async () => {
      const source = await this.sources.find(environmentId);
      if (!source || source.status === 'DISCONNECTED') return null;
      return this.runLocked(source, trigger);
    });
    // Alerts look at what the run stored (even a failed run may have stored pages).
    if (outcome !== null) this.writes.stored(environmentId);
    if (outcome !== null) return outcome;
    // Another run holds the lock; it records its run row right after taking it.
    for (let attempt = 0; attempt < 40; attempt++) {
      const running = await this.sources.findRunning(environmentId);
      if (running) return running;
      await pause(RUN_POLL_MS);
    }
    return null;
  }

  /** Returns once `runId` is no longer this source's run in progress, or after `timeoutMs`. */
  async awaitRunEnd(environmentId: string, runId: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const running = await this.sources.findRunning(environmentId);
      if (running?.id !== runId) return;
      await pause(RUN_POLL_MS);
    }
  }

  private async runLocked(source: DelightedSourceEntity, trigger: string): Promise<SyncRunEntity> {
    const run = await this.sources.startRun(source.environmentId, trigger);
    const counters: RunCounters = {
      pages: 0,
      responsesFetched: 0,
      responsesInserted: 0,
      responsesUpdated: 0,
      retries: 0,
    };
    if (source.origin === 'DEMO' && !(await this.simulatorAnswers(source))) {
      // The demo's simulator runs only inside `npm run demo`: say so at once, retry nothing.
      await this.sources.markDemoOffline(source.environmentId, source.apiUrl);
      return this.sources.finishRun(run, 'SKIPPED', counters, DEMO_SOURCE_OFFLINE);
    }
    try {
      const client = this.clientFor(source, counters);
      if (!source.backfillCompletedAt) await this.backfill(source, client, run, counters);
      await this.incremental(source, client, run, counters);
      await this.sources.setOutcome(source.environmentId, { lastError: null });
      return await this.sources.finishRun(run, 'SUCCEEDED', counters, null);
    } catch (error) {
      const message = this.describe(error);
      const detail = error instanceof DelightedApiError && error.detail ? ` (${error.detail})` : '';
      this.logger.warn(`sync of environment ${source.environmentId} failed: ${message}${detail}`);
      await this.sources.setOutcome(source.environmentId, { status: 'ERROR', lastError: message });
      return this.sources.finishRun(run, 'FAILED', counters, message);
    }
  }

  /**
   * Whether a demo source's simulator is listening: one request, no retries, a short timeout.
   * Only an unreachable (or, without DELIGHTED_ALLOW_PRIVATE_URLS, refused) address counts as
   * not running; any other answer goes on to an ordinary run and its ordinary errors.
   */
  private async simulatorAnswers(source: DelightedSourceEntity): Promise<boolean> {
    const client = new DelightedClient({
      ...this.clientOptions(source),
      timeoutMs: Math.min(SIMULATOR_PROBE_TIMEOUT_MS, this.config.delightedTimeoutMs),
      maxRetries: 0,
      maxRateLimitWaits: 0,
    });
    try {
      await client.verifyKey();
      return true;
    } catch (error) {
      return !(
        error instanceof DelightedApiError && ['network', 'timeout', 'refused'].includes(error.kind)
      );
    }
  }

  private describe(error: unknown): string {
    if (error instanceof DelightedApiError && error.kind === 'unauthorized') {
      return 'Delighted rejected the API key (401): re-enter a valid key with connectDelighted.';
    }
    if (error instanceof DelightedApiError || error instanceof MalformedResponseError)
      return error.message;
    return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  }

  private clientOptions(source: DelightedSourceEntity): DelightedClientOptions {
    return {
      baseUrl: source.apiUrl,
      apiKey: this.secrets.decrypt(source.apiKeyCiphertext),
      allowPrivateAddresses: this.config.delightedAllowPrivateUrls,
      timeoutMs: this.config.delightedTimeoutMs,
      maxRetries: this.config.delightedMaxRetries,
      retryBaseMs: this.config.delightedRetryBaseMs,
      maxRetryAfterSeconds: this.config.delightedMaxRetryAfterSeconds,
    };
  }

  private clientFor(source: DelightedSourceEntity, counters: RunCounters): DelightedClient {
    return new DelightedClient({
      ...this.clientOptions(source),
      onRetry: ({ delayMs, error }) => {
        counters.retries += 1;
        this.logger.debug(`retrying in ${delayMs} ms after: ${error.message}`);
      },
    });
  }

  private async backfill(
    source: DelightedSourceEntity,
    client: DelightedClient,
    run: SyncRunEntity,
    counters: RunCounters,
  ): Promise<void> {
    const environmentId = source.environmentId;
    await this.sources.markBackfillStarted(environmentId);
    await this.statistics.analyze(SYNC_TABLES);
    let stored = source.backfillResponsesDone;
    const until = toUnixSeconds(source.backfillUntil ?? source.connectedAt);
    const perPage = source.perPage;
    await this.readAllPages(
      (page, signal) => client.listResponses({ page, per_page: perPage, until }, signal),
      source.backfillNextPage,
      counters,
      (records, page) =>
        this.responses.upsert(
          environmentId,
          records,
          'delighted',
          (manager, result) =>
            this.sources.recordBackfillPage(manager, environmentId, {
              nextPage: page + 1,
              responses: records.length,
              npsResponses: records.filter(isNpsResponse).length,
              stored: result.inserted + result.updated + result.unchanged,
            }),
          { replayable: true },
        ),
      async (records) => {
        const before = stored;
        stored += records;
        if (crossesAnalyzeMark(before, stored)) await this.statistics.analyze(SYNC_TABLES);
        if (counters.pages % 20 === 0) await this.sources.updateRun(run, counters);
      },
    );
    await this.sources.completeBackfill(environmentId);
  }

  private async incremental(
    source: DelightedSourceEntity,
    client: DelightedClient,
    run: SyncRunEntity,
    counters: RunCounters,
  ): Promise<void> {
    const environmentId = source.environmentId;
    const fresh = (await this.sources.find(environmentId))!;
    const overlapMs = this.config.delightedOverlapMinutes * 60_000;
    const base = fresh.backfillUntil ?? fresh.connectedAt;
    const phases: Array<'updated' | 'created'> =
      fresh.incrementalPhase === 'created' ? ['created'] : ['updated', 'created'];
    for (const phase of phases) {
      const resuming = fresh.incrementalPhase === phase && fresh.incrementalSince;
      const watermark = phase === 'updated' ? fresh.updatedWatermark : fresh.createdWatermark;
      const since = resuming
        ? fresh.incrementalSince!
        : new Date((watermark ?? base).getTime() - overlapMs);
      const firstPage = resuming ? fresh.incrementalNextPage : 1;
      await this.readAllPages(
        (page, signal) =>
          client.listResponses(
            {
              page,
              per_page: fresh.perPage,
              ...(phase === 'updated'
                ? { updated_since: toUnixSeconds(since) }
                : { since: toUnixSeconds(since) }),
            },
            signal,
          ),
        firstPage,
        counters,
        (records, page) =>
          this.responses.upsert(
            environmentId,
            records,
            'delighted',
            (manager, result) =>
              this.sources.recordIncrementalPage(manager, environmentId, {
                phase,
                since,
                nextPage: page + 1,
                maxUpdated: latest(records, (record) => record.responseUpdatedAt),
                maxCreated: latest(records, (record) => record.respondedAt),
                stored: result.inserted + result.updated + result.unchanged,
              }),
            { replayable: true },
          ),
      );
      // The phase is finished: the next one starts from page 1 of its own filter.
      fresh.incrementalPhase = null;
    }
    await this.sources.completeIncremental(environmentId);
    await this.sources.updateRun(run, counters);
  }

  /**
   * Reads pages from `firstPage` until an empty one (Delighted's end marker), storing each with
   * `store` (which checkpoints in the same transaction) before moving on.
   */
  private async readAllPages(
    fetchPage: (page: number, signal: AbortSignal) => Promise<DelightedSurveyResponse[]>,
    firstPage: number,
    counters: RunCounters,
    store: (
      records: SurveyResponseRecord[],
      page: number,
    ) => Promise<{ inserted: number; updated: number }>,
    afterPage: (records: number) => Promise<void> = () => Promise.resolve(),
  ): Promise<void> {
    const reader = new PageReader(fetchPage, firstPage, this.config.delightedPrefetchPages);
    try {
      for (let page = firstPage; ; page++) {
        const rows = await reader.read(page);
        if (rows.length === 0) return;
        const records = rows.map(recordFromDelighted);
        this.count(counters, records.length, await store(records, page));
        await afterPage(records.length);
      }
    } finally {
      reader.close();
    }
  }

  private count(
    counters: RunCounters,
    fetched: number,
    outcome: { inserted: number; updated: number },
  ): void {
    counters.pages += 1;
    counters.responsesFetched += fetched;
    counters.responsesInserted += outcome.inserted;
    counters.responsesUpdated += outcome.updated;
  }
}

function latest(
  records: SurveyResponseRecord[],
  pick: (record: SurveyResponseRecord) => Date | null,
): Date | null {
  return records.reduce<Date | null>((highest, record) => maxDate(highest, pick(record)), null);
}
