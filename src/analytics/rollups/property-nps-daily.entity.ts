import { Entity, PrimaryColumn } from 'typeorm';
import { CategoryCountColumns } from './category-count-columns';

/**
 * Per environment, breakdown property, UTC day and value: category counts of the NPS responses
 * whose user has that value now ('' for no user or no value). Kept exact by statement triggers on
 * survey_responses and users (migration 1766200000000) and filled by setBreakdownProperties.
 */
@Entity({ name: 'property_nps_1d' })
export class PropertyNpsDailyEntity extends CategoryCountColumns {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'property_nps_1d_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'property_nps_1d_pkey' })
  property!: string;

  /** UTC midnight starting the day. */
  @PrimaryColumn({ type: 'timestamptz', primaryKeyConstraintName: 'property_nps_1d_pkey' })
  day!: Date;

  /** The user's trimmed value; '' when the response has no user or the user no value. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'property_nps_1d_pkey' })
  value!: string;
}
