import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

/** A user of the customer's product, identified by `identity` within an environment. */
@Entity({ name: 'users' })
@Unique('users_environment_identity_key', ['environmentId', 'identity'])
// Without last_seen, so last_seen updates stay HOT; matching sorts the few users of one email.
// Accounts and their revenue without reading every user's properties (created by migration).
@Index('users_environment_account_idx', { synchronize: false })
@Index('users_environment_email_idx', ['environmentId', 'emailNormalized'], {
  where: 'email_normalized IS NOT NULL',
})
export class UserEntity {
  @PrimaryColumn({ name: 'environment_id', type: 'bigint', primaryKeyConstraintName: 'users_pkey' })
  environmentId!: string;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'users_environment_fkey' })
  environment?: EnvironmentEntity;

  @PrimaryColumn({
    type: 'bigint',
    generated: 'identity',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'users_pkey',
  })
  id!: string;

  @Column({ type: 'varchar', length: 255 })
  identity!: string;

  @Column({ type: 'jsonb', default: {} })
  properties!: Record<string, string | number>;

  /**
   * The environment's email property of this user, trimmed and lower-cased, kept in step with
   * `properties` on every write so survey responses can be matched through an index.
   */
  @Column({ name: 'email_normalized', type: 'text', nullable: true })
  emailNormalized!: string | null;

  /** The environment's account property of this user, trimmed; kept in step like the email. */
  @Column({ type: 'text', nullable: true })
  account!: string | null;

  /** The revenue property as a number (numbers and numeric text; null otherwise). */
  @Column({ name: 'account_revenue', type: 'double precision', nullable: true })
  accountRevenue!: number | null;

  @Column({ name: 'first_seen', type: 'timestamptz' })
  firstSeen!: Date;

  @Column({ name: 'last_seen', type: 'timestamptz' })
  lastSeen!: Date;
}
