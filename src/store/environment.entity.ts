import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A tenant: one product's data (Heap's "app" / "environment"); its id is Heap's `app_id`. */
@Entity({ name: 'environments' })
export class EnvironmentEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'environments_pkey',
  })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** IANA time zone used by default for calendar buckets. */
  @Column({ type: 'text', default: 'UTC' })
  timezone!: string;

  /** User property holding the email (or `identity`); null until chosen, then immutable. */
  @Column({ name: 'email_property', type: 'text', nullable: true })
  emailProperty!: string | null;

  /** User property naming a user's account (company id); null until chosen, changeable. */
  @Column({ name: 'account_property', type: 'text', nullable: true })
  accountProperty!: string | null;

  /** Numeric user property holding the account's revenue (ARR); optional. */
  @Column({ name: 'revenue_property', type: 'text', nullable: true })
  revenueProperty!: string | null;

  /** User properties npsChange breaks down by from a rollup (setBreakdownProperties); at most five. */
  @Column({ name: 'breakdown_properties', type: 'text', array: true, default: () => "'{}'" })
  breakdownProperties!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
