import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { Role } from './role';

@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(ApiKeyEntity);
  }

  async insert(values: {
    environmentId: string | null;
    role: Role;
    name: string;
    keyPrefix: string;
    keyHash: string;
  }): Promise<ApiKeyEntity> {
    return this.repository.save(this.repository.create(values));
  }

  /** The active key with this hash, or null (revoked keys are not returned). */
  findActiveByHash(keyHash: string): Promise<ApiKeyEntity | null> {
    return this.repository.findOne({ where: { keyHash, revokedAt: IsNull() } });
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.repository.findOne({ where: { id } });
  }

  /** Keys of one environment, or every key when `environmentId` is undefined; oldest first. */
  list(environmentId: string | null | undefined): Promise<ApiKeyEntity[]> {
    const where =
      environmentId === undefined
        ? {}
        : { environmentId: environmentId === null ? IsNull() : environmentId };
    return this.repository.find({ where, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async revoke(id: string): Promise<ApiKeyEntity | null> {
    await this.repository.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return this.findById(id);
  }

  /** Records use at most once a minute per key, so authentication does not write on every call. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = now()
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
