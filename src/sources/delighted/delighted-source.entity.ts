import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnvironmentEntity } from '../../store/environment.entity';

export type DelightedSourceStatus =
  | 'WAITING_FOR_DATA'
  | 'CONNECTED'
  | 'ERROR'
  | 'DISCONNECTED'
  /** A DEMO source whose simulator did not answer: its sync is skipped, not retried. */
  | 'DEMO_OFFLINE';

/** Who connected the source: connectDelighted (API) or `npm run demo` to its simulator (DEMO). */
export type DelightedSourceOrigin = 'API' | 'DEMO';

/** The Delighted connection of an environment, with its sync checkpoints. */
@Entity({ name: 'delighted_sources' })
export class DelightedSourceEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'delighted_sources_pkey',
  })
  environmentId!: string;

  @OneToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'environment_id',
    foreignKeyConstraintName: 'delighted_sources_environment_fkey',
  })
  environment?: EnvironmentEntity;

  @Column({ name: 'api_url', type: 'text' })
  apiUrl!: string;

  /** AES-256-GCM envelope (see crypto/secret-box.ts); the key never leaves the service. */
  @Column({ name: 'api_key_ciphertext', type: 'text' })
  apiKeyCiphertext!: string;

  @Column({ name: 'api_key_last4', type: 'text' })
  apiKeyLast4!: string;

  @Column({ type: 'text' })
  status!: DelightedSourceStatus;

  @Column({ type: 'text', default: 'API' })
  origin!: DelightedSourceOrigin;

  @Column({ name: 'connected_at', type: 'timestamptz' })
  connectedAt!: Date;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt!: Date | null;

  @Column({ name: 'last_sync_at', type: 'timestamptz', nullable: true })
  lastSyncAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Backfill reads responses created up to this time, page by page, oldest first. */
  @Column({ name: 'backfill_until', type: 'timestamptz', nullable: true })
  backfillUntil!: Date | null;

  /**
   * Page size of this source's paging, fixed at connect: a page-number checkpoint only means
   * something with the page size it was taken with, whatever DELIGHTED_PER_PAGE says later.
   */
  @Column({ name: 'per_page', type: 'integer' })
  perPage!: number;

  /** Next page to read; advanced in the transaction that stores the previous page. */
  @Column({ name: 'backfill_next_page', type: 'integer', default: 1 })
  backfillNextPage!: number;

  @Column({ name: 'backfill_started_at', type: 'timestamptz', nullable: true })
  backfillStartedAt!: Date | null;

  @Column({ name: 'backfill_completed_at', type: 'timestamptz', nullable: true })
  backfillCompletedAt!: Date | null;

  @Column({ name: 'backfill_responses_done', type: 'integer', default: 0 })
  backfillResponsesDone!: number;

  /** NPS responses among them: what the estimate (Delighted's metrics) counts. */
  @Column({ name: 'backfill_nps_done', type: 'integer', default: 0 })
  backfillNpsDone!: number;

  @Column({ name: 'backfill_estimated_total', type: 'integer', nullable: true })
  backfillEstimatedTotal!: number | null;

  /** Highest updated_at / created_at committed by finished runs. */
  @Column({ name: 'updated_watermark', type: 'timestamptz', nullable: true })
  updatedWatermark!: Date | null;

  @Column({ name: 'created_watermark', type: 'timestamptz', nullable: true })
  createdWatermark!: Date | null;

  /** Checkpoint of an incremental run in progress: which filter, from when, next page. */
  @Column({ name: 'incremental_phase', type: 'text', nullable: true })
  incrementalPhase!: 'updated' | 'created' | null;

  @Column({ name: 'incremental_since', type: 'timestamptz', nullable: true })
  incrementalSince!: Date | null;

  @Column({ name: 'incremental_next_page', type: 'integer', default: 1 })
  incrementalNextPage!: number;

  @Column({ name: 'incremental_max_updated', type: 'timestamptz', nullable: true })
  incrementalMaxUpdated!: Date | null;

  @Column({ name: 'incremental_max_created', type: 'timestamptz', nullable: true })
  incrementalMaxCreated!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
