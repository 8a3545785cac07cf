import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { AlertEventEntity } from '../events/alert-event.entity';
import { AlertDestinationEntity } from '../rules/alert-destination.entity';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

/**
 * The outbox: one row per (event, destination), written in the event's transaction. A worker
 * claims a due row (FOR UPDATE SKIP LOCKED) by moving `next_attempt_at` past its lease and setting
 * `claim_token`; only that token may record the outcome, and a worker that dies leaves the row due
 * again when the lease ends, to be sent with the same `webhook_id`.
 */
@Entity({ name: 'alert_deliveries' })
@Unique('alert_deliveries_event_destination_key', ['environmentId', 'eventId', 'destinationId'])
@Unique('alert_deliveries_webhook_id_key', ['webhookId'])
@Index('alert_deliveries_due_idx', ['nextAttemptAt'], { where: "status = 'PENDING'" })
export class AlertDeliveryEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'alert_deliveries_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'alert_deliveries_pkey',
  })
  id!: string;

  @Column({ name: 'event_id', type: 'bigint' })
  eventId!: string;

  @ManyToOne(() => AlertEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'environment_id',
      referencedColumnName: 'environmentId',
      foreignKeyConstraintName: 'alert_deliveries_event_fkey',
    },
    { name: 'event_id', referencedColumnName: 'id' },
  ])
  event?: AlertEventEntity;

  @Column({ name: 'destination_id', type: 'bigint' })
  destinationId!: string;

  @ManyToOne(() => AlertDestinationEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'environment_id',
      referencedColumnName: 'environmentId',
      foreignKeyConstraintName: 'alert_deliveries_destination_fkey',
    },
    { name: 'destination_id', referencedColumnName: 'id' },
  ])
  destination?: AlertDestinationEntity;

  /** Standard Webhooks `webhook-id` (and the email's X-Alert-Id): the same on every attempt. */
  @Column({ name: 'webhook_id', type: 'text' })
  webhookId!: string;

  @Column({ type: 'text', default: 'PENDING' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt!: Date;

  @Column({ name: 'claim_token', type: 'text', nullable: true })
  claimToken!: string | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
