import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { Role } from '../auth/role';
import { InvitationEntity } from './invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repository(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(InvitationEntity);
  }

  insert(values: {
    email: string;
    emailNormalized: string;
    environmentId: string | null;
    role: Role;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  }): Promise<InvitationEntity> {
    const repository = this.repository();
    return repository.save(repository.create(values));
  }

  findById(id: string): Promise<InvitationEntity | null> {
    return this.repository().findOne({ where: { id } });
  }

  findByTokenHash(tokenHash: string, manager?: EntityManager): Promise<InvitationEntity | null> {
    return this.repository(manager).findOne({ where: { tokenHash } });
  }

  /**
   * Marks the invitation used, once: only one of two concurrent acceptances gets true.
   */
  async markAccepted(id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repository(manager)
      .createQueryBuilder()
      .update()
      .set({ acceptedAt: () => 'now()' })
      .where('id = :id AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()', {
        id,
      })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Open invitations (neither accepted, revoked nor expired), of one environment or all. */
  pending(environmentId?: string | null, emailNormalized?: string): Promise<InvitationEntity[]> {
    return this.repository().find({
      where: {
        acceptedAt: IsNull(),
        revokedAt: IsNull(),
        expiresAt: MoreThan(new Date()),
        ...(environmentId === undefined
          ? {}
          : { environmentId: environmentId === null ? IsNull() : environmentId }),
        ...(emailNormalized === undefined ? {} : { emailNormalized }),
      },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.repository().update(
      { id, acceptedAt: IsNull(), revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }
}
