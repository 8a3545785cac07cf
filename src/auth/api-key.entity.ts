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
import { Role } from './role';

/** An API key; only the SHA-256 of the secret is stored. */
@Entity({ name: 'api_keys' })
@Index('api_keys_environment_idx', ['environmentId'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_keys_pkey' })
  id!: string;

  /** Null only for global ADMIN keys. */
  @Column({ name: 'environment_id', type: 'bigint', nullable: true })
  environmentId!: string | null;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'environment_id', foreignKeyConstraintName: 'api_keys_environment_fkey' })
  environment?: EnvironmentEntity;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ type: 'text' })
  name!: string;

  /** First characters of the secret, to recognise a key in listings without revealing it. */
  @Column({ name: 'key_prefix', type: 'text' })
  keyPrefix!: string;

  @Index('api_keys_key_hash_key', { unique: true })
  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
