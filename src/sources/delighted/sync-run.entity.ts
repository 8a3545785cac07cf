import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnvironmentEntity } from '../../store/environment.entity';

export type SyncRunOutcome = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';

/** One sync of a Delighted source: what it read and wrote, and how it ended. */
@Entity({ name: 'sync_runs' })
@Index('sync_runs_environment_started_idx', ['environmentId', 'startedAt'])
export class SyncRunEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'sync_runs_pkey',
  })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'sync_runs_environment_fkey' })
  environment?: EnvironmentEntity;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'sync_runs_pkey',
  })
  id!: string;

  /** What started it: CONNECT, SCHEDULE, MANUAL, STARTUP. */
  @Column({ type: 'text' })
  trigger!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text' })
  outcome!: SyncRunOutcome;

  @Column({ type: 'integer', default: 0 })
  pages!: number;

  @Column({ name: 'responses_fetched', type: 'integer', default: 0 })
  responsesFetched!: number;

  @Column({ name: 'responses_inserted', type: 'integer', default: 0 })
  responsesInserted!: number;

  @Column({ name: 'responses_updated', type: 'integer', default: 0 })
  responsesUpdated!: number;

  @Column({ type: 'integer', default: 0 })
  retries!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
