import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Each NPS response with its user's 30-day activity: the events (every type but Submit Survey) in
 * [responded_at − 720 h, responded_at), null while the response has no user. Kept by triggers on
 * survey_responses and events (migration 1765400000000); engagement_histogram_1d follows it.
 */
@Entity({ name: 'response_engagement_30d' })
// (environment_id, responded_at) INCLUDE (score, events), created by migration.
@Index('response_engagement_30d_time_idx', { synchronize: false })
export class ResponseEngagementEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_engagement_30d_pkey',
  })
  environmentId!: string;

  /** survey_responses.id */
  @PrimaryColumn({
    name: 'response_row_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_engagement_30d_pkey',
  })
  responseRowId!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'integer', nullable: true })
  events!: number | null;
}
