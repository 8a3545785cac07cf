import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Each matched user's latest NPS response, kept current by triggers on survey_responses: the
 * observations of activity correlations when the range reaches past the newest response.
 */
@Entity({ name: 'user_latest_nps' })
@Index('user_latest_nps_time_idx', ['environmentId', 'respondedAt'])
@Index('user_latest_nps_response_idx', ['environmentId', 'responseRowId'])
export class UserLatestNpsEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'user_latest_nps_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({
    name: 'user_id',
    type: 'bigint',
    primaryKeyConstraintName: 'user_latest_nps_pkey',
  })
  userId!: string;

  /** survey_responses.id of the latest response. */
  @Column({ name: 'response_row_id', type: 'bigint' })
  responseRowId!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'integer' })
  score!: number;
}
