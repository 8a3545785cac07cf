import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../auth/role';
import { MemberRoleEntity } from './member-role.entity';
import { MemberEntity } from './member.entity';

export interface MemberWithRoles {
  member: MemberEntity;
  roles: Record<string, Role>;
}

/** Lock key of member changes that must see a consistent count of owners (or of members). */
const OWNERS_LOCK_KEY = 7_301_954_113;

@Injectable()
export class MembersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private members(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MemberEntity);
  }

  private roles(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MemberRoleEntity);
  }

  /**
   * Runs `work` in a transaction holding the members lock, so "is this the last owner?" and
   * "is there no member yet?" cannot be answered twice at once.
   */
  exclusive<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [OWNERS_LOCK_KEY]);
      return work(manager);
    });
  }

  findById(id: string, manager?: EntityManager): Promise<MemberEntity | null> {
    return this.members(manager).findOne({ where: { id } });
  }

  findByEmail(emailNormalized: string, manager?: EntityManager): Promise<MemberEntity | null> {
    return this.members(manager).findOne({ where: { emailNormalized } });
  }

  count(manager?: EntityManager): Promise<number> {
    return this.members(manager).count();
  }

  countOwners(manager?: EntityManager): Promise<number> {
    return this.members(manager).count({ where: { owner: true } });
  }

  insert(
    values: Pick<MemberEntity, 'email' | 'emailNormalized' | 'name' | 'passwordHash' | 'owner'>,
    manager?: EntityManager,
  ): Promise<MemberEntity> {
    const repository = this.members(manager);
    return repository.save(
      repository.create({
        ...values,
        passwordChangedAt: values.passwordHash ? new Date() : null,
      }),
    );
  }

  async setPassword(id: string, passwordHash: string, manager?: EntityManager): Promise<void> {
    await this.members(manager).update({ id }, { passwordHash, passwordChangedAt: new Date() });
  }

  async setOwner(id: string, owner: boolean, manager?: EntityManager): Promise<void> {
    await this.members(manager).update({ id }, { owner });
  }

  async delete(id: string, manager?: EntityManager): Promise<void> {
    await this.members(manager).delete({ id });
  }

  /** Role per environment of one member. */
  async rolesOf(memberId: string, manager?: EntityManager): Promise<Record<string, Role>> {
    const rows = await this.roles(manager).find({ where: { memberId } });
    return Object.fromEntries(rows.map((row) => [row.environmentId, row.role]));
  }

  /** Sets (inserts or replaces) the member's role in one environment. */
  async setRole(
    memberId: string,
    environmentId: string,
    role: Role,
    manager?: EntityManager,
  ): Promise<void> {
    await this.roles(manager).upsert({ memberId, environmentId, role }, [
      'memberId',
      'environmentId',
    ]);
  }

  /** True when a role was removed. */
  async removeRole(
    memberId: string,
    environmentId: string,
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.roles(manager).delete({ memberId, environmentId });
    return (result.affected ?? 0) > 0;
  }

  /**
   * Members with their roles: those holding a role in `environmentId` (owners too, who hold ADMIN
   * everywhere), or every member when it is undefined; by email.
   */
  async list(environmentId?: string): Promise<MemberWithRoles[]> {
    const builder = this.members()
      .createQueryBuilder('member')
      .orderBy('member.email_normalized', 'ASC');
    if (environmentId !== undefined)
      builder.where(
        `member.owner OR EXISTS (SELECT 1 FROM member_roles r
           WHERE r.member_id = member.id AND r.environment_id = :environmentId)`,
        { environmentId },
      );
    const members = await builder.getMany();
    if (members.length === 0) return [];
    const roles = await this.roles()
      .createQueryBuilder('role')
      .where('role.member_id IN (:...ids)', { ids: members.map((member) => member.id) })
      .getMany();
    return members.map((member) => ({
      member,
      roles: Object.fromEntries(
        roles
          .filter((role) => role.memberId === member.id)
          .map((role) => [role.environmentId, role.role]),
      ),
    }));
  }
}
