import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditQuery {
  /** Undefined: every environment and the global entries; a value: that environment's only. */
  environmentId?: string;
  action?: string;
  /** Entries older than this id (the cursor of the last one seen). */
  beforeId?: string;
  limit: number;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(values: Omit<AuditEntryEntity, 'id' | 'at'>): Promise<void> {
    const repository = this.dataSource.getRepository(AuditEntryEntity);
    await repository.save(repository.create(values));
  }

  /** Entries newest first, `limit` of them after `beforeId`, and how many match in all. */
  async page(query: AuditQuery): Promise<{ rows: AuditEntryEntity[]; total: number }> {
    const builder = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('entry');
    if (query.environmentId !== undefined)
      builder.andWhere('entry.environment_id = :environmentId', {
        environmentId: query.environmentId,
      });
    if (query.action !== undefined)
      builder.andWhere('entry.action = :action', { action: query.action });
    const total = await builder.getCount();
    if (query.beforeId !== undefined)
      builder.andWhere('entry.id < :beforeId', { beforeId: query.beforeId });
    const rows = await builder.orderBy('entry.id', 'DESC').limit(query.limit).getMany();
    return { rows, total };
  }
}
