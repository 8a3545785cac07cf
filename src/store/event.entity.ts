import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Unique,
} from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/** One thing a user did (or a Submit Survey response), Heap-style. */
@Entity({ name: 'events' })
@Unique('events_environment_idempotency_key', ['environmentId', 'idempotencyKey'])
// (environment_id, user_id, time) INCLUDE (name), created by migration: window scans read only it.
@Index('events_environment_user_time_idx', { synchronize: false })
@Index('events_environment_name_time_idx', ['environmentId', 'name', 'time'])
export class EventEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'events_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'events_pkey',
  })
  id!: string;

  @Column({ name: 'user_id', type: 'bigint' })
  userId!: string;

  /**
   * No foreign key to users: the statement that inserts events creates their users under the
   * environment's write lock, and a per-row key check on users was the ingestion bottleneck.
   */
  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'events_environment_fkey' })
  environment?: EnvironmentEntity;

  @Column({ type: 'varchar', length: 1024 })
  name!: string;

  @Column({ type: 'timestamptz' })
  time!: Date;

  @Column({ type: 'jsonb', default: {} })
  properties!: Record<string, string | number | null>;

  /** Where the event came from: `api`, `delighted`, `import`, … */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
