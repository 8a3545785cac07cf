import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

@Injectable()
export class LoginThrottleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async recordFailure(emailNormalized: string, ip: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_failures (email_normalized, ip) VALUES ($1, $2)`,
      [emailNormalized, ip],
    );
  }

  /**
   * When the `max`-th most recent failure within the window (of the email, or of the IP) leaves
   * it: the time until which sign-in stays refused. Rows: one timestamp, or none when fewer than
   * `max` failures are in the window.
   */
  async blockedUntil(
    column: 'email_normalized' | 'ip',
    value: string,
    max: number,
    windowMs: number,
  ): Promise<Date | null> {
    const rows: Array<{ until: Date }> = await this.dataSource.query(
      `SELECT at + make_interval(secs => $3 / 1000.0) AS until
         FROM login_failures
        WHERE ${column} = $1 AND at > now() - make_interval(secs => $3 / 1000.0)
        ORDER BY at DESC
        OFFSET $2 - 1 LIMIT 1`,
      [value, max, windowMs],
    );
    return rows.length > 0 ? new Date(rows[0].until) : null;
  }

  /** A correct sign-in forgives the account's failures (not the address's). */
  async clearEmail(emailNormalized: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_failures WHERE email_normalized = $1`, [
      emailNormalized,
    ]);
  }

  async deleteOlderThan(windowMs: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM login_failures WHERE at <= now() - make_interval(secs => $1 / 1000.0)`,
      [windowMs],
    );
  }
}
