import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * How many respondents' latest NPS response is in each segment, per environment: kept by triggers
 * on respondent_latest, so segment totals as of now are one row read.
 */
@Entity({ name: 'respondent_segment_counts' })
export class RespondentSegmentCountsEntity {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'respondent_segment_counts_pkey',
  })
  environmentId!: string;

  @Column({ type: 'integer' })
  promoters!: number;

  @Column({ type: 'integer' })
  passives!: number;

  @Column({ type: 'integer' })
  detractors!: number;
}
