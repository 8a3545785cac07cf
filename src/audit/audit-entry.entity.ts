import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One thing someone did, kept for good: a trigger refuses UPDATE and DELETE on audit_log, so
 * the service can only append. No foreign keys: an entry outlives the key, member or environment
 * it names.
 */
@Entity({ name: 'audit_log' })
@Index('audit_log_environment_idx', ['environmentId', 'id'])
@Index('audit_log_action_idx', ['action', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'audit_log_pkey',
  })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  /** member, api-key, bootstrap, embed, or anonymous (a failed sign-in, a setup link). */
  @Column({ name: 'actor_kind', type: 'text' })
  actorKind!: string;

  @Column({ name: 'actor_id', type: 'text', nullable: true })
  actorId!: string | null;

  /** What a reader recognises: an email, a key's name and prefix. */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  /** The environment the action concerns; null for global ones (sign-ins, owners, global keys). */
  @Column({ name: 'environment_id', type: 'bigint', nullable: true })
  environmentId!: string | null;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  target!: string | null;

  @Column({ type: 'jsonb', default: {} })
  details!: Record<string, unknown>;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;
}
