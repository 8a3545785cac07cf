import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/app-error';
import { MemberEntity } from '../members/member.entity';
import { MembersService } from '../members/members.service';
import { normalizeEmail } from '../members/one-time-token';
import { LoginThrottleService } from './login-throttle.service';
import { setSessionCookie } from './session-cookie';
import { SessionsService } from './sessions.service';

export const WRONG_CREDENTIALS = 'The email or password is wrong.';

export interface SignedIn {
  member: { id: string; email: string; name: string };
}

/** Password sign-in and opening a session for a member, as every sign-in route does. */
@Injectable()
export class SignInService {
  constructor(
    private readonly members: MembersService,
    private readonly sessions: SessionsService,
    private readonly throttle: LoginThrottleService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Opens a session for the member and sets its cookie on the response. */
  async open(
    member: MemberEntity,
    method: string,
    request: Request,
    response: Response,
  ): Promise<SignedIn> {
    const { token, session } = await this.sessions.start(member.id, method, {
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
    });
    setSessionCookie(response, token, session.expiresAt, this.config.signIn.secureCookies);
    return { member: { id: member.id, email: member.email, name: member.name } };
  }

  /**
   * Email and password: throttled per email and per address; an unknown email and a wrong
   * password get the same 401 after the same work (one scrypt).
   */
  async login(body: unknown, request: Request, response: Response): Promise<SignedIn> {
    const { email, password } = (body ?? {}) as { email?: unknown; password?: unknown };
    if (typeof email !== 'string' || email.trim() === '')
      throw AppError.badInput('email must be the email address you signed up with.', 'email');
    if (typeof password !== 'string' || password === '')
      throw AppError.badInput('password must be a non-empty string.', 'password');
    const normalized = normalizeEmail(email);
    const ip = request.ip ?? 'unknown';
    try {
      await this.throttle.check(normalized, ip);
    } catch (error) {
      await this.audit.record({
        actor: { kind: 'anonymous', id: null, label: normalized },
        action: 'auth.login_throttled',
        target: `email:${normalized}`,
      });
      throw error;
    }
    const member = password.length > 1024 ? null : await this.members.verifyLogin(email, password);
    if (!member) {
      await this.throttle.recordFailure(normalized, ip);
      await this.audit.record({
        actor: { kind: 'anonymous', id: null, label: normalized },
        action: 'auth.login_failed',
        target: `email:${normalized}`,
      });
      throw AppError.unauthenticated(WRONG_CREDENTIALS);
    }
    await this.throttle.clear(normalized);
    const signedIn = await this.open(member, 'password', request, response);
    await this.audit.record({
      actor: { kind: 'member', id: member.id, label: member.email },
      action: 'auth.login',
      target: `member:${member.id}`,
      details: { method: 'password' },
    });
    return signedIn;
  }
}
