import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { MemberEntity } from '../members/member.entity';

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a read of
 * this table signs no one in. Ends when unused for SESSION_IDLE_DAYS, at `expires_at`
 * (SESSION_MAX_DAYS after sign-in), on sign-out, or when its row is deleted.
 */
@Entity({ name: 'member_sessions' })
export class MemberSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'member_sessions_pkey' })
  id!: string;

  @Index('member_sessions_member_idx')
  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_sessions_member_fkey' })
  member?: MemberEntity;

  @Index('member_sessions_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** How the session was opened: password, sso, invitation, setup, reset. */
  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;
}
