import { Inject, Injectable, Logger } from '@nestjs/common';
import { Principal, memberPrincipal } from '../auth/principal';
import { AppConfig } from '../config/app-config';
import { MembersService } from '../members/members.service';
import { generateToken, hashToken } from '../members/one-time-token';
import { MemberSessionEntity } from './member-session.entity';
import { SessionsRepository } from './sessions.repository';

/** Server-side sessions of members: opened at sign-in, checked on every request. */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger(SessionsService.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly members: MembersService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Opens a session; the token goes in the cookie and is never stored. */
  async start(
    memberId: string,
    method: string,
    client: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; session: MemberSessionEntity }> {
    const token = generateToken();
    const session = await this.sessions.insert({
      memberId,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + this.config.signIn.sessionMaxMs),
      method,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
    this.sessions.deleteExpired(this.config.signIn.sessionIdleMs).catch((error: unknown) => {
      this.logger.warn(`could not drop expired sessions: ${String(error)}`);
    });
    return { token, session };
  }

  /**
   * The member behind a session token, with their roles as they are now (a role change applies
   * to the next request); null when the session has ended or the member is gone.
   */
  async authenticate(token: string): Promise<Principal | null> {
    const session = await this.sessions.findLive(
      hashToken(token),
      this.config.signIn.sessionIdleMs,
    );
    if (!session) return null;
    const identity = await this.members.identity(session.memberId, session.id);
    if (!identity) return null;
    this.sessions.touch(session.id).catch((error: unknown) => {
      this.logger.warn(`could not record session use: ${String(error)}`);
    });
    return memberPrincipal(identity);
  }

  /** Ends the session of this token (sign-out); the session row, if any. */
  end(token: string): Promise<MemberSessionEntity | null> {
    return this.sessions.deleteByTokenHash(hashToken(token));
  }

  /** Ends every session of a member, or every one but `keep`. */
  endAll(memberId: string, keep?: string): Promise<number> {
    return this.sessions.deleteForMember(memberId, keep);
  }
}
