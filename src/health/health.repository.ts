import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One row with the server's version; throws when the database cannot be reached. */
  async ping(): Promise<string> {
    const [row] = await this.dataSource.query(
      `SELECT current_setting('server_version') AS version`,
    );
    return row.version;
  }
}
