import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import {
  DelightedSourceEntity,
  DelightedSourceOrigin,
  DelightedSourceStatus,
} from './delighted-source.entity';
import { SyncRunEntity, SyncRunOutcome } from './sync-run.entity';

export type RunCounters = Pick<
  SyncRunEntity,
  'pages' | 'responsesFetched' | 'responsesInserted' | 'responsesUpdated' | 'retries'
>;

@Injectable()
export class DelightedSourcesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get sources() {
    return this.dataSource.getRepository(DelightedSourceEntity);
  }
  private get runs() {
    return this.dataSource.getRepository(SyncRunEntity);
  }

  find(environmentId: string): Promise<DelightedSourceEntity | null> {
    return this.sources.findOne({ where: { environmentId } });
  }

  /**
   * Sources the scheduler should sync: every one not disconnected (a DEMO_OFFLINE one is asked
   * once more whether its simulator is back). `origin` narrows them to the demo's.
   */
  listSyncable(origin?: DelightedSourceOrigin): Promise<DelightedSourceEntity[]> {
    return this.sources.find({
      where: {
        status: In([
          'WAITING_FOR_DATA',
          'CONNECTED',
          'ERROR',
          'DEMO_OFFLINE',
        ] satisfies DelightedSourceStatus[]),
        ...(origin ? { origin } : {}),
      },
      order: { environmentId: 'ASC' },
    });
  }

  /** Stores a new key for the existing connection, keeping its sync progress. */
  async replaceKey(
    environmentId: string,
    apiKeyCiphertext: string,
    apiKeyLast4: string,
    origin: DelightedSourceOrigin,
  ): Promise<void> {
    await this.sources.update(
      { environmentId },
      {
        apiKeyCiphertext,
        apiKeyLast4,
        origin,
        lastError: null,
        status: () =>
          `CASE WHEN first_response_at IS NULL THEN 'WAITING_FOR_DATA' ELSE 'CONNECTED' END`,
      },
    );
  }

  /** A fresh connection: backfill from the first page of everything created up to `backfillUntil`. */
  async connect(values: {
    environmentId: string;
    apiUrl: string;
    apiKeyCiphertext: string;
    apiKeyLast4: string;
    backfillUntil: Date;
    estimatedTotal: number | null;
    perPage: number;
    origin: DelightedSourceOrigin;
  }): Promise<void> {
    const now = new Date();
    await this.sources.upsert(
      {
        ...values,
        backfillEstimatedTotal: values.estimatedTotal,
        status: 'WAITING_FOR_DATA',
        connectedAt: now,
        firstResponseAt: null,
        lastSyncAt: null,
        lastError: null,
        backfillNextPage: 1,
        backfillStartedAt: null,
        backfillCompletedAt: null,
        backfillResponsesDone: 0,
        backfillNpsDone: 0,
        updatedWatermark: null,
        createdWatermark: null,
        incrementalPhase: null,
        incrementalSince: null,
        incrementalNextPage: 1,
        incrementalMaxUpdated: null,
        incrementalMaxCreated: null,
      },
      ['environmentId'],
    );
  }

  async disconnect(environmentId: string): Promise<void> {
    // The key is wiped: a disconnected source keeps its data but can no longer call Delighted.
    await this.sources.update(
      { environmentId },
      { status: 'DISCONNECTED', apiKeyCiphertext: '', lastError: null },
    );
  }

  async setOutcome(
    environmentId: string,
    values: { status?: DelightedSourceStatus; lastError: string | null },
  ) {
    await this.dataSource.query(
      `UPDATE delighted_sources
          SET status = coalesce($2, CASE WHEN first_response_at IS NULL THEN 'WAITING_FOR_DATA' ELSE 'CONNECTED' END),
              last_error = $3, last_sync_at = now(), updated_at = now()
        WHERE environment_id = $1 AND status <> 'DISCONNECTED'`,
      [environmentId, values.status ?? null, values.lastError],
    );
  }

  /**
   * A demo source whose simulator did not answer at `apiUrl`: DEMO_OFFLINE, unless it was
   * reconnected elsewhere (or disconnected) meanwhile.
   */
  async markDemoOffline(environmentId: string, apiUrl: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delighted_sources
          SET status = 'DEMO_OFFLINE', last_error = NULL, last_sync_at = now(), updated_at = now()
        WHERE environment_id = $1 AND api_url = $2 AND origin = 'DEMO' AND status <> 'DISCONNECTED'`,
      [environmentId, apiUrl],
    );
  }

  async markBackfillStarted(environmentId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delighted_sources SET backfill_started_at = coalesce(backfill_started_at, now())
        WHERE environment_id = $1`,
      [environmentId],
    );
  }

  /** Checkpoint inside the page's transaction: the next page, progress and the first-response mark. */
  async recordBackfillPage(
    manager: EntityManager,
    environmentId: string,
    values: { nextPage: number; responses: number; npsResponses: number; stored: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE delighted_sources
          SET backfill_next_page = $2, backfill_responses_done = backfill_responses_done + $3,
              backfill_nps_done = backfill_nps_done + $5,
              first_response_at = CASE WHEN $4::int > 0 THEN coalesce(first_response_at, now()) ELSE first_response_at END,
              status = CASE WHEN $4::int > 0 AND status = 'WAITING_FOR_DATA' THEN 'CONNECTED' ELSE status END,
              updated_at = now()
        WHERE environment_id = $1`,
      [environmentId, values.nextPage, values.responses, values.stored, values.npsResponses],
    );
  }

  async completeBackfill(environmentId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delighted_sources SET backfill_completed_at = now(), updated_at = now() WHERE environment_id = $1`,
      [environmentId],
    );
  }

  /** Checkpoint of an incremental page: where the run is and the highest times it has stored. */
  async recordIncrementalPage(
    manager: EntityManager,
    environmentId: string,
    values: {
      phase: 'updated' | 'created';
      since: Date;
      nextPage: number;
      maxUpdated: Date | null;
      maxCreated: Date | null;
      stored: number;
    },
  ): Promise<void> {
    await manager.query(
      `UPDATE delighted_sources
          SET incremental_phase = $2, incremental_since = $3, incremental_next_page = $4,
              incremental_max_updated = greatest(incremental_max_updated, $5::timestamptz),
              incremental_max_created = greatest(incremental_max_created, $6::timestamptz),
              first_response_at = CASE WHEN $7::int > 0 THEN coalesce(first_response_at, now()) ELSE first_response_at END,
              status = CASE WHEN $7::int > 0 AND status = 'WAITING_FOR_DATA' THEN 'CONNECTED' ELSE status END,
              updated_at = now()
        WHERE environment_id = $1`,
      [
        environmentId,
        values.phase,
        values.since,
        values.nextPage,
        values.maxUpdated,
        values.maxCreated,
        values.stored,
      ],
    );
  }

  /** Ends an incremental run: watermarks move to the highest times stored, the checkpoint clears. */
  async completeIncremental(environmentId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delighted_sources
          SET updated_watermark = greatest(updated_watermark, incremental_max_updated),
              created_watermark = greatest(created_watermark, incremental_max_created),
              incremental_phase = NULL, incremental_since = NULL, incremental_next_page = 1,
              incremental_max_updated = NULL, incremental_max_created = NULL, updated_at = now()
        WHERE environment_id = $1`,
      [environmentId],
    );
  }

  /** Marks the first response stored by a path other than a sync (webhook, import). */
  async markResponsesStored(environmentId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE delighted_sources
          SET first_response_at = coalesce(first_response_at, now()),
              status = CASE WHEN status = 'WAITING_FOR_DATA' THEN 'CONNECTED' ELSE status END
        WHERE environment_id = $1`,
      [environmentId],
    );
  }

  async startRun(environmentId: string, trigger: string): Promise<SyncRunEntity> {
    // Runs left RUNNING by a process that died are closed first: only the sync lock's holder
    // (DelightedSyncLocksRepository) gets here.
    await this.dataSource.query(
      `UPDATE sync_runs SET outcome = 'FAILED', finished_at = now(),
              error = coalesce(error, 'Interrupted: the service stopped during this run; the next run resumed from its checkpoint.')
        WHERE environment_id = $1 AND outcome = 'RUNNING'`,
      [environmentId],
    );
    return this.runs.save(
      this.runs.create({ environmentId, trigger, startedAt: new Date(), outcome: 'RUNNING' }),
    );
  }

  async updateRun(run: SyncRunEntity, counters: RunCounters): Promise<void> {
    await this.runs.update({ environmentId: run.environmentId, id: run.id }, counters);
  }

  async finishRun(
    run: SyncRunEntity,
    outcome: SyncRunOutcome,
    counters: RunCounters,
    error: string | null,
  ): Promise<SyncRunEntity> {
    await this.runs.update(
      { environmentId: run.environmentId, id: run.id },
      { ...counters, outcome, error, finishedAt: new Date() },
    );
    return (await this.runs.findOne({ where: { environmentId: run.environmentId, id: run.id } }))!;
  }

  /** The run in progress, if any. */
  findRunning(environmentId: string): Promise<SyncRunEntity | null> {
    return this.runs.findOne({
      where: { environmentId, outcome: 'RUNNING' },
      order: { id: 'DESC' },
    });
  }

  /** Up to `limit` runs, newest first, with ids below `beforeId`. */
  async listRuns(
    environmentId: string,
    beforeId: string | null,
    limit: number,
  ): Promise<SyncRunEntity[]> {
    return this.runs
      .createQueryBuilder('run')
      .where('run.environment_id = :environmentId', { environmentId })
      .andWhere(beforeId ? 'run.id < :beforeId' : 'TRUE', { beforeId })
      .orderBy('run.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  countRuns(environmentId: string): Promise<number> {
    return this.runs.count({ where: { environmentId } });
  }
}
