import { Entity, Index, PrimaryColumn } from 'typeorm';
import { CategoryCountColumns } from './category-count-columns';

/**
 * Per account (users.account), the category counts and score sum of its users' respondents'
 * latest NPS responses (respondent_latest), kept by triggers on respondent_latest and users
 * (migration 1765900000001). Unfiltered accounts lists with LATEST_PER_PERSON read it.
 */
@Entity({ name: 'account_latest_counts' })
// (environment_id, ((promoters - detractors)::float8 / responses), account COLLATE "C")
// WHERE responses > 0, created by migration.
@Index('account_latest_counts_nps_idx', { synchronize: false })
export class AccountLatestCountsEntity extends CategoryCountColumns {
  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'account_latest_counts_pkey',
  })
  environmentId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'account_latest_counts_pkey' })
  account!: string;
}
