import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed password sign-in, kept for the throttling window (rows older than it are deleted
 * as new ones come). By normalised email whether or not it is a member's, so a throttled answer
 * tells nothing either.
 */
@Entity({ name: 'login_failures' })
@Index('login_failures_email_idx', ['emailNormalized', 'at'])
@Index('login_failures_ip_idx', ['ip', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'login_failures_pkey',
  })
  id!: string;

  @Column({ name: 'email_normalized', type: 'text' })
  emailNormalized!: string;

  @Column({ type: 'text' })
  ip!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;
}
