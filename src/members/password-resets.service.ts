import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { Principal, auditActor } from '../auth/principal';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { MailService } from '../mail/mail.service';
import { linkEmail, memberLink } from './member-links';
import { MemberEntity } from './member.entity';
import { MemberTokensRepository } from './member-tokens.repository';
import { MembersRepository } from './members.repository';
import { MembersService, checkPassword } from './members.service';
import { generateToken, hashToken, isEmail, normalizeEmail } from './one-time-token';
import { hashPassword } from './password-hash';

const RESET_MS = 60 * 60 * 1000;

/** One-time password reset links: emailed on request (SMTP), or issued by an ADMIN. */
@Injectable()
export class PasswordResetsService {
  private readonly logger = new Logger(PasswordResetsService.name);

  constructor(
    private readonly tokens: MemberTokensRepository,
    private readonly members: MembersRepository,
    private readonly accounts: MembersService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private async issue(member: MemberEntity): Promise<{ url: string; expiresAt: Date }> {
    const token = generateToken();
    const expiresAt = new Date(Date.now() + RESET_MS);
    await this.tokens.insert({
      purpose: 'password_reset',
      memberId: member.id,
      tokenHash: hashToken(token),
      expiresAt,
    });
    return { url: memberLink(this.config.publicUrl, 'reset', token), expiresAt };
  }

  /** An ADMIN (over every environment of the member) or an owner issues a link to pass on. */
  async create(
    caller: Principal | null,
    memberId: string,
  ): Promise<{ member: MemberEntity; url: string; expiresAt: Date; emailed: boolean }> {
    const member = await this.accounts.requireAuthorityOver(caller, memberId);
    const link = await this.issue(member);
    const emailed = await this.send(member, link.url);
    await this.audit.record({
      actor: auditActor(caller),
      action: 'member.password_reset_create',
      target: `member:${member.id}`,
      details: { email: member.email, emailed },
    });
    return { member, ...link, emailed };
  }

  /**
   * "Forgot password": emails a link when the email is a member's and SMTP is configured. The
   * answer is the same either way, so it tells nobody who has an account.
   */
  async request(email: unknown): Promise<void> {
    if (typeof email !== 'string' || !isEmail(email))
      throw AppError.badInput('email must be an email address such as pm@example.com.', 'email');
    if (!this.mail.configured)
      throw new AppError(
        'CONFLICT',
        'This service sends no email (SMTP_URL is not set): ask an admin for a reset link.',
      );
    const member = await this.members.findByEmail(normalizeEmail(email));
    if (!member) return;
    // Not awaited: the answer must come as fast for a member as for a stranger.
    void this.issue(member)
      .then((link) => this.send(member, link.url))
      .catch((error: unknown) => this.logger.warn(`password reset not issued: ${String(error)}`));
  }

  private async send(member: MemberEntity, url: string): Promise<boolean> {
    if (!this.mail.configured) return false;
    try {
      await this.mail.send({
        to: member.email,
        subject: 'Reset your NPS analytics password',
        ...linkEmail(
          [
            `Someone asked to reset the password of ${member.email} on NPS analytics.`,
            'The link works once, for an hour. If it was not you, ignore this email.',
          ],
          'Choose a new password',
          url,
        ),
      });
      return true;
    } catch (error) {
      this.logger.warn(`password reset not emailed: ${(error as Error).message}`);
      return false;
    }
  }

  /** Uses the link: sets the password; the caller then ends every session and signs in anew. */
  async complete(token: unknown, password: unknown): Promise<MemberEntity> {
    if (typeof token !== 'string' || token.length === 0)
      throw AppError.badInput('token must be the token of the reset link.', 'token');
    const found = await this.tokens.findByTokenHash(hashToken(token));
    if (!found || found.purpose !== 'password_reset' || found.memberId === null)
      throw AppError.notFound('This reset link is not valid; ask for a new one.');
    if (found.usedAt) throw new AppError('GONE', 'This reset link has already been used.');
    if (found.expiresAt.getTime() <= Date.now())
      throw new AppError('GONE', 'This reset link has expired; ask for a new one.');
    const member = await this.members.findById(found.memberId);
    if (!member) throw AppError.notFound('This reset link is not valid; ask for a new one.');
    checkPassword(password, member.email);
    const hash = await hashPassword(password as string);
    await this.members.exclusive(async (manager) => {
      if (!(await this.tokens.consume(found.id, manager)))
        throw new AppError('GONE', 'This reset link has already been used.');
      await this.members.setPassword(member.id, hash, manager);
      await this.tokens.expireResets(member.id, manager);
    });
    await this.audit.record({
      actor: { kind: 'member', id: member.id, label: member.email },
      action: 'member.password_change',
      target: `member:${member.id}`,
      details: { via: 'reset link' },
    });
    return member;
  }
}
