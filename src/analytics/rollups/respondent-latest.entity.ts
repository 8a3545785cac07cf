import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Each respondent's latest NPS response (a respondent is a Delighted person; a response without
 * one stands for itself), kept current by triggers on survey_responses. Serves segments "as of
 * now" without a DISTINCT ON scan.
 */
@Entity({ name: 'respondent_latest' })
@Index('respondent_latest_time_idx', ['environmentId', 'respondedAt', 'responseRowId'])
@Index('respondent_latest_segment_time_idx', [
  'environmentId',
  'segment',
  'respondedAt',
  'responseRowId',
])
// A user's latest responses (migration 1765900000001: account_latest_counts follows them).
@Index('respondent_latest_user_idx', ['environmentId', 'userId'])
export class RespondentLatestEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'respondent_latest_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'respondent_latest_pkey' })
  person!: string;

  /** survey_responses.id of the latest response. */
  @Column({ name: 'response_row_id', type: 'bigint' })
  responseRowId!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'integer' })
  score!: number;

  /** PROMOTER, PASSIVE or DETRACTOR: the keyset index of segment members starts with it. */
  @Column({ type: 'text' })
  segment!: string;

  @Column({ name: 'user_id', type: 'bigint', nullable: true })
  userId!: string | null;
}
