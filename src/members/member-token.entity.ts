import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { MemberEntity } from './member.entity';

export type MemberTokenPurpose = 'setup' | 'password_reset';

/**
 * A one-time link: the first-run setup (no member yet) or a password reset. Only the SHA-256 of
 * the token is stored; using it sets `used_at`, once.
 */
@Entity({ name: 'member_tokens' })
export class MemberTokenEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'member_tokens_pkey' })
  id!: string;

  @Column({ type: 'text' })
  purpose!: MemberTokenPurpose;

  /** The member whose password a reset sets; null for the setup link. */
  @Index('member_tokens_member_idx')
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId!: string | null;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_tokens_member_fkey' })
  member?: MemberEntity;

  @Index('member_tokens_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
