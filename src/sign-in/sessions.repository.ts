import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Not } from 'typeorm';
import { MemberSessionEntity } from './member-session.entity';

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get repository() {
    return this.dataSource.getRepository(MemberSessionEntity);
  }

  insert(values: {
    memberId: string;
    tokenHash: string;
    expiresAt: Date;
    method: string;
    ip: string | null;
    userAgent: string | null;
  }): Promise<MemberSessionEntity> {
    return this.repository.save(this.repository.create(values));
  }

  /**
   * The live session with this token hash: before its absolute end and used within `idleMs`.
   * Rows: one session, or none.
   */
  async findLive(tokenHash: string, idleMs: number): Promise<MemberSessionEntity | null> {
    return this.repository
      .createQueryBuilder('session')
      .where('session.token_hash = :tokenHash', { tokenHash })
      .andWhere('session.expires_at > now()')
      .andWhere('session.last_seen_at > now() - make_interval(secs => :idle / 1000.0)', {
        idle: idleMs,
      })
      .getOne();
  }

  /** Records use at most once a minute per session, so reads do not write on every request. */
  async touch(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE member_sessions SET last_seen_at = now()
        WHERE id = $1 AND last_seen_at < now() - interval '1 minute'`,
      [id],
    );
  }

  async deleteByTokenHash(tokenHash: string): Promise<MemberSessionEntity | null> {
    const session = await this.repository.findOne({ where: { tokenHash } });
    if (session) await this.repository.delete({ id: session.id });
    return session;
  }

  /** Ends every session of the member, or all but `keep`; how many ended. */
  async deleteForMember(memberId: string, keep?: string): Promise<number> {
    const result = await this.repository.delete(keep ? { memberId, id: Not(keep) } : { memberId });
    return result.affected ?? 0;
  }

  /** Drops sessions that can no longer be used (housekeeping at sign-in). */
  async deleteExpired(idleMs: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM member_sessions
        WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1 / 1000.0)`,
      [idleMs],
    );
  }
}
