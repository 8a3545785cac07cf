import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { EnvironmentEntity } from '../store/environment.entity';
import { Role } from '../auth/role';
import { MemberEntity } from './member.entity';

/** A member's role in one environment (ANALYST, ARCHITECT or ADMIN). */
@Entity({ name: 'member_roles' })
@Index('member_roles_environment_idx', ['environmentId'])
export class MemberRoleEntity {
  @PrimaryColumn({
    name: 'member_id',
    type: 'uuid',
    primaryKeyConstraintName: 'member_roles_pkey',
  })
  memberId!: string;

  @PrimaryColumn({
    name: 'environment_id',
    type: 'bigint',
    primaryKeyConstraintName: 'member_roles_pkey',
  })
  environmentId!: string;

  @ManyToOne(() => MemberEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'member_roles_member_fkey' })
  member?: MemberEntity;

  @ManyToOne(() => EnvironmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'environment_id',
    foreignKeyConstraintName: 'member_roles_environment_fkey',
  })
  environment?: EnvironmentEntity;

  @Column({ type: 'text' })
  role!: Role;
}
