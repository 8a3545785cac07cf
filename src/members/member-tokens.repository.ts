import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MemberTokenEntity, MemberTokenPurpose } from './member-token.entity';

@Injectable()
export class MemberTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MemberTokenEntity);
  }

  insert(values: {
    purpose: MemberTokenPurpose;
    memberId: string | null;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<MemberTokenEntity> {
    const repository = this.repository();
    return repository.save(repository.create(values));
  }

  findByTokenHash(tokenHash: string, manager?: EntityManager): Promise<MemberTokenEntity | null> {
    return this.repository(manager).findOne({ where: { tokenHash } });
  }

  /** Uses the token, once: true only for the first caller, before it expires. */
  async consume(id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repository(manager)
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL AND expires_at > now()', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Ends the unused reset links of a member (a new password makes them pointless). */
  async expireResets(memberId: string, manager?: EntityManager): Promise<void> {
    await this.repository(manager)
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where("member_id = :memberId AND purpose = 'password_reset' AND used_at IS NULL", {
        memberId,
      })
      .execute();
  }
}
