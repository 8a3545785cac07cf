import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { EnvironmentEntity } from '../store/environment.entity';
import { Role } from '../auth/role';

/** An invitation to join an environment (or, without one, to become an owner); single use. */
@Entity({ name: 'invitations' })
@Index('invitations_environment_idx', ['environmentId'])
@Index('invitations_email_idx', ['emailNormalized'])
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invitations_pkey' })
  id!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ name: 'email_normalized', type: 'text' })
  emailNormalized!: string;

  /** Null: a global invitation, which makes an owner (role ADMIN). */
  @Column({ name: 'environment_id', type: 'bigint', nullable: true })
  environmentId!: string | null;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'invitations_environment_fkey' })
  environment?: EnvironmentEntity;

  @Column({ type: 'text' })
  role!: Role;

  /** SHA-256 of the token in the link; the token itself is never stored. */
  @Index('invitations_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'invited_by', type: 'text' })
  invitedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
