import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A person who signs in (the tracked product users are `users`). */
@Entity({ name: 'members' })
export class MemberEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'members_pkey' })
  id!: string;

  /** As the member typed it; unique case-insensitively through `email_normalized`. */
  @Column({ type: 'text' })
  email!: string;

  @Index('members_email_normalized_key', { unique: true })
  @Column({ name: 'email_normalized', type: 'text' })
  emailNormalized!: string;

  @Column({ type: 'text' })
  name!: string;

  /** `scrypt$…` (src/members/password-hash.ts); null for members who only sign in by SSO. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  /** A global ADMIN: every environment, every member. */
  @Column({ type: 'boolean', default: false })
  owner!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;
}
