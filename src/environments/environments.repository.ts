import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { EnvironmentEntity } from './environment.entity';

@Injectable()
export class EnvironmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(EnvironmentEntity);
  }

  insert(values: { name: string; timezone: string }): Promise<EnvironmentEntity> {
    return this.repository.save(this.repository.create(values));
  }

  findById(id: string): Promise<EnvironmentEntity | null> {
    return this.repository.findOne({ where: { id } });
  }

  /** All environments, or those with the given ids; by id. */
  list(ids?: string[]): Promise<EnvironmentEntity[]> {
    return this.repository.find({ where: ids ? { id: In(ids) } : {}, order: { id: 'ASC' } });
  }
}
