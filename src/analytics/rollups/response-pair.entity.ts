import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Each NPS response that has an earlier one of the same respondent, with that previous
 * response's time and score and the time of the one before it (chain_at; null when the previous
 * is the respondent's first), kept by triggers on survey_responses (migration 1765900000000).
 * segmentTransitions without a filter counts its rows.
 */
@Entity({ name: 'response_pairs' })
// (environment_id, previous_at) INCLUDE (responded_at, previous_score, score, chain_at) and
// (environment_id, responded_at, response_row_id) INCLUDE (previous_at, previous_score, score),
// created by migration.
@Index('response_pairs_previous_idx', { synchronize: false })
@Index('response_pairs_time_idx', { synchronize: false })
// (environment_id, chain_at) WHERE chain_at IS NOT NULL, created by migration.
@Index('response_pairs_chain_idx', { synchronize: false })
@Index('response_pairs_person_idx', ['environmentId', 'person'])
export class ResponsePairEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_pairs_pkey',
  })
  environmentId!: string;

  /** survey_responses.id of the later response. */
  @PrimaryColumn({
    name: 'response_row_id',
    type: 'bigint',
    primaryKeyConstraintName: 'response_pairs_pkey',
  })
  responseRowId!: string;

  @Column({ type: 'text' })
  person!: string;

  @Column({ name: 'responded_at', type: 'timestamptz' })
  respondedAt!: Date;

  @Column({ type: 'integer' })
  score!: number;

  /** survey_responses.id of the respondent's response before it. */
  @Column({ name: 'previous_row_id', type: 'bigint' })
  previousRowId!: string;

  @Column({ name: 'previous_at', type: 'timestamptz' })
  previousAt!: Date;

  @Column({ name: 'previous_score', type: 'integer' })
  previousScore!: number;

  /** Time of the response before the previous one; null when the previous is the first. */
  @Column({ name: 'chain_at', type: 'timestamptz', nullable: true })
  chainAt!: Date | null;
}
